import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerDeviceBodySchema, deviceNameSchema } from '../../../shared/api/devices';
import { loginBodySchema, passwordInputSchema, personNameSchema } from '../../../shared/api/identity';
import { multiLineText, neutralisedText, singleLineText } from '../../../shared/text';
import { validationDetails } from '../../../shared/validation-details';

/**
 * The text rule (docs/api.md, Conventions): no `Cc` (NUL included), no bidirectional
 * override or isolate, one line unless the field is multi-line, where `\n` alone may break it.
 */
const cc = fc
  .oneof(fc.integer({ min: 0x00, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
  .map((code) => String.fromCodePoint(code));
const bidi = fc.constantFrom('\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069');
const separators = fc.constantFrom('\u2028', '\u2029');
const unusableOnOneLine = fc.oneof(cc, bidi, separators);

const UNUSABLE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** Any text a person might type, in any script, with nothing the rule refuses. */
const printable = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !UNUSABLE.test(s));

/** `bad` between two letters, so trimming cannot take it away. */
const withInside = (bad: fc.Arbitrary<string>) =>
  fc.tuple(printable, bad, printable).map(([before, c, after]) => `A${before}${c}${after}Z`);

const problemOf = (result: { success: boolean; error?: { issues: Parameters<typeof validationDetails>[0] } }) =>
  result.success ? undefined : validationDetails(result.error!.issues).fields.body;

const name = singleLineText({ min: 1, max: 200 });
const message = multiLineText({ min: 1, max: 400 });

describe('single-line text', () => {
  it('refuses any control character, line separator or text-direction control inside it', () => {
    fc.assert(
      fc.property(withInside(unusableOnOneLine), (text) => {
        expect(problemOf(name.safeParse(text))).toMatchObject({ code: 'invalid_format', format: 'single_line_text' });
      }),
    );
  });

  it('refuses NUL wherever it is, even at an end', () => {
    for (const text of ['\u0000', 'Ada\u0000', '\u0000Ada', 'A\u0000da']) {
      expect(problemOf(name.safeParse(text))).toMatchObject({ code: 'invalid_format', format: 'single_line_text' });
    }
  });

  it('accepts any printable text in any script, trimmed', () => {
    fc.assert(
      fc.property(printable, (text) => {
        fc.pre(text.trim() !== '');
        expect(name.parse(text)).toBe(text.trim());
      }),
    );
  });

  it('keeps each field’s bounds and reports them as bounds', () => {
    expect(problemOf(personNameSchema.safeParse('x'.repeat(101)))).toMatchObject({ code: 'too_big', maximum: 100 });
    expect(problemOf(personNameSchema.safeParse('   '))).toMatchObject({ code: 'too_small', minimum: 1 });
    // Device names count as a person does: 64 shields are 64 characters.
    expect(deviceNameSchema.parse('🛡'.repeat(64))).toBe('🛡'.repeat(64));
    expect(problemOf(deviceNameSchema.safeParse('🛡'.repeat(65)))).toMatchObject({ code: 'too_big', maximum: 64 });
    expect(loginBodySchema.shape.deviceName.parse('')).toBe('');
  });

  it('is the rule of every free text a device or a person sends the service', () => {
    const body = {
      fingerprint: 'a'.repeat(64),
      components: ['b'.repeat(64)],
      name: 'Desk',
      os: 'Windows 11',
      platform: 'windows',
      appVersion: '1.0.0',
    };
    for (const field of ['name', 'os', 'appVersion'] as const) {
      const result = registerDeviceBodySchema.safeParse({ ...body, [field]: `x\u0000y` });
      expect(result.success ? undefined : validationDetails(result.error.issues).fields[field]).toMatchObject({
        code: 'invalid_format',
        format: 'single_line_text',
      });
    }
    const login = loginBodySchema.safeParse({ email: 'a@example.test', password: 'pw', deviceName: 'Lap\ntop' });
    expect(login.success ? undefined : validationDetails(login.error.issues).fields.deviceName).toMatchObject({
      format: 'single_line_text',
    });
  });
});

describe('multi-line text', () => {
  it('allows \\n to break lines and refuses every other control, separator and text-direction control', () => {
    expect(message.parse('First line\nSecond line\n\nThird')).toBe('First line\nSecond line\n\nThird');
    fc.assert(
      fc.property(withInside(unusableOnOneLine.filter((c) => c !== '\n')), (text) => {
        expect(problemOf(message.safeParse(text))).toMatchObject({ code: 'invalid_format', format: 'multi_line_text' });
      }),
    );
    expect(problemOf(message.safeParse('Windows\r\nline'))).toMatchObject({ format: 'multi_line_text' });
  });
});

describe('passwords', () => {
  it('may hold any character a person chose, but not NUL', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 64 }), (password) => {
        fc.pre(!password.includes('\u0000'));
        expect(passwordInputSchema.parse(password)).toBe(password);
      }),
    );
    expect(problemOf(passwordInputSchema.safeParse('pass\u0000word'))).toMatchObject({
      code: 'invalid_format',
      format: 'secret_text',
    });
  });
});

describe('neutralisedText, for text that never met the rule', () => {
  it('leaves nothing that breaks a line or reorders text, and changes nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const safe = neutralisedText(text);
        expect(safe).not.toMatch(UNUSABLE);
        expect(neutralisedText(safe)).toBe(safe);
      }),
    );
    fc.assert(
      fc.property(printable, (text) => {
        expect(neutralisedText(text)).toBe(text.trim());
      }),
    );
  });

  it('puts the review’s injected name on one line, in the order it is stored', () => {
    expect(neutralisedText('Alice\r\n\r\nURGENT: call +1-555-0100')).toBe('Alice URGENT: call +1-555-0100');
    expect(neutralisedText('Alice \u202e0010-555-1+ llac')).toBe('Alice 0010-555-1+ llac');
    expect(neutralisedText('Alice\u2028\u2067call\u2069\u0000')).toBe('Alice call');
  });
});
