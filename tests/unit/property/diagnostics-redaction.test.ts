import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactLine } from '../../../electron/services/support/diagnostics-redaction';
import { PRODUCT_KEY_ALPHABET } from '../../../shared/product-key';

/** Any text a log line might hold around a secret, full Unicode included; spaces keep the secret a word of its own. */
const logText = fc.string({ unit: 'binary', maxLength: 60 });
const b64url = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((bytes) => Buffer.from(bytes).toString('base64url'));
const json = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const jwt = fc
  .tuple(fc.record({ alg: fc.constant('EdDSA'), kid: fc.string() }), fc.record({ sub: fc.uuid(), exp: fc.nat() }), b64url(32, 64))
  .map(([header, payload, signature]) => `${json(header)}.${json(payload)}.${signature}`);
const refreshToken = b64url(32, 32);
const code = fc.stringMatching(/^\d{6,8}$/);
const productKey = fc
  .array(fc.constantFrom(...PRODUCT_KEY_ALPHABET), { minLength: 20, maxLength: 20 })
  .chain((symbols) =>
    fc.constantFrom('-', '–', '—').map((dash) => [0, 5, 10, 15].map((at) => symbols.slice(at, at + 5).join('')).join(dash)),
  )
  .chain((key) => fc.boolean().map((lower) => (lower ? key.toLowerCase() : key)));
const label = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,9}$/);
const email = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9._%+-]{1,24}$/), fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([local, labels, tld]) => `${local}@${[...labels, tld].join('.')}`);
const mac = fc
  .tuple(fc.array(fc.stringMatching(/^[0-9a-fA-F]{2}$/), { minLength: 6, maxLength: 6 }), fc.constantFrom(':', '-'))
  .map(([parts, sep]) => parts.join(sep));
const longHex = fc.stringMatching(/^[0-9a-f]{16,64}$/);
const passwordValue = fc.stringMatching(/^[A-Za-z0-9!#$%()*+./<>?@^_`{|~-]{8,30}$/);

const own = 'anna.k@example.test';

/** A secret as it may appear, and the part of it that must not survive. */
const secret = fc.oneof(
  jwt.map((token) => ({ shown: token, secret: token })),
  refreshToken.map((token) => ({ shown: `Bearer ${token}`, secret: token })),
  refreshToken.map((token) => ({ shown: token, secret: token })),
  code.map((value) => ({ shown: value, secret: value })),
  productKey.map((key) => ({ shown: key, secret: key })),
  email.filter((address) => address.toLowerCase() !== own).map((address) => ({ shown: address, secret: address })),
  mac.map((value) => ({ shown: value, secret: value })),
  longHex.map((value) => ({ shown: value, secret: value })),
  passwordValue.map((value) => ({ shown: `password=${value}`, secret: value })),
  passwordValue.map((value) => ({ shown: JSON.stringify({ password: value }), secret: JSON.stringify(value) })),
  // JSON quoted inside JSON (an error message carrying a request body), with escapes inside the value.
  fc
    .tuple(passwordValue, fc.constantFrom('', '"', '\\', '\n'))
    .map(([value, odd]) => ({ shown: JSON.stringify(JSON.stringify({ password: `${value}${odd}${value}` })), secret: value })),
  refreshToken.map((value) => ({ shown: `"refreshToken":"${value}"`, secret: value })),
);

describe('diagnostics redaction, over arbitrary log text', () => {
  it('no token, code, address, key, serial or password embedded in a line survives', () => {
    fc.assert(
      fc.property(logText, secret, logText, (before, { shown, secret: hidden }, after) => {
        const line = `${before} ${shown} ${after}`;
        // A secret the surrounding text already holds on its own is not this secret's leak.
        fc.pre(!before.includes(hidden) && !after.includes(hidden));
        const { text, count } = redactLine(line, { accountEmail: own });
        expect(text).not.toContain(hidden);
        expect(count).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('several secrets in one line all go', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(logText, secret), { minLength: 2, maxLength: 5 }), (parts) => {
        const line = parts.map(([text, s]) => `${text} ${s.shown}`).join(' ');
        fc.pre(parts.every(([, s]) => parts.every(([text]) => !text.includes(s.secret))));
        const { text } = redactLine(line, { accountEmail: own });
        for (const [, s] of parts) expect(text).not.toContain(s.secret);
      }),
      { numRuns: 200 },
    );
  });

  it('the account’s own address survives, in any case, among secrets and arbitrary words', () => {
    // Words that make no `name=value` of the address: no `=`, `:` or quotes right before it.
    const word = fc.string({ unit: 'binary', maxLength: 20 }).map((w) => w.replace(/[=:"']/g, ''));
    fc.assert(
      fc.property(word, fc.option(secret, { nil: undefined }), word, fc.boolean(), (before, around, after, upper) => {
        const address = upper ? own.toUpperCase() : own;
        const line = `${before} ${address} ${around?.shown ?? ''} ${after}`;
        expect(redactLine(line, { accountEmail: own }).text).toContain(address);
      }),
      { numRuns: 400 },
    );
  });
});
