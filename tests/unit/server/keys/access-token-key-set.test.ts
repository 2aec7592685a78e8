import { randomUUID, sign as signBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessTokens } from '../../../../server/src/identity/access-tokens';
import { newSigningJwk, parseSigningKey } from '../../../../server/src/identity/signing-key';
import { accessKeyFile } from '../../../../server/src/keys/access-token-keys';
import { createFileOnce, readOrCreate } from '../../../../server/src/keys/key-files';
import { rotateAccessKey } from '../../../../server/src/keys/key-rotation';

const MINUTE = 60_000;
// The key set looks at its folder at most once a second.
const afterNextLook = () => new Promise((resolve) => setTimeout(resolve, 1100));
const kidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;

let keysDir: string;
let clock: Date;
const now = () => clock;
const claims = { userId: 'user-1', sessionId: 'session-1' };

beforeEach(async () => {
  keysDir = join(await mkdtemp(join(tmpdir(), 'palisade-keys-')), 'keys');
  clock = new Date();
});
afterEach(async () => {
  await rm(join(keysDir, '..'), { recursive: true, force: true });
});

describe('the access-token key set', () => {
  it('makes one key for instances starting together on an empty key folder, owner-only', async () => {
    const instances = await Promise.all([1, 2, 3].map(() => AccessTokens.load(keysDir, now)));
    const kids = instances.map((i) => kidOf(i.sign(claims)));
    expect(new Set(kids).size).toBe(1);
    for (const verifier of instances) for (const signer of instances) expect(await verifier.verify(signer.sign(claims))).toEqual(claims);
    expect((await stat(keysDir)).mode & 0o777).toBe(0o700);
    expect((await stat(accessKeyFile(keysDir))).mode & 0o777).toBe(0o600);
  });

  it('creates every key file whole and once, however many create it at the same moment', async () => {
    const file = join(keysDir, 'race.key');
    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => createFileOnce(file, `key ${i}`)));
    expect(created.filter(Boolean)).toHaveLength(1);
    const read = await Promise.all(Array.from({ length: 20 }, (_, i) => readOrCreate(join(keysDir, 'other.key'), () => `k${i}`, (t) => t)));
    expect(new Set(read).size).toBe(1);
    expect(await readFile(join(keysDir, 'other.key'), 'utf8')).toBe(read[0]);
  });

  it('keeps a data folder from before working: the key already there signs and verifies, with its kid', async () => {
    const before = newSigningJwk();
    await createFileOnce(accessKeyFile(keysDir), before);
    const tokens = await AccessTokens.load(keysDir, now);
    const token = tokens.sign(claims);
    expect(kidOf(token)).toBe(parseSigningKey(before).kid);
    expect(await tokens.verify(token)).toEqual(claims);
  });

  it('still verifies a token signed by a retired key after a rotation, and signs new ones with the new kid', async () => {
    const one = await AccessTokens.load(keysDir, now);
    const other = await AccessTokens.load(keysDir, now);
    const before = one.sign(claims);
    const rotated = await rotateAccessKey(keysDir, { now: clock });
    expect(rotated.retiredKid).toBe(kidOf(before));
    await afterNextLook();
    const after = one.sign(claims);
    expect(kidOf(after)).toBe(rotated.kid);
    expect(await one.verify(before)).toEqual(claims);
    expect(await other.verify(before)).toEqual(claims);
    expect(await other.verify(after)).toEqual(claims);
    expect(kidOf(other.sign(claims))).toBe(rotated.kid);
  });

  it('reads the folder again when a token names a kid it does not know yet (another instance rotated)', async () => {
    const behind = await AccessTokens.load(keysDir, now);
    await afterNextLook();
    behind.sign(claims); // its last look at the folder is now
    await rotateAccessKey(keysDir, { now: clock });
    const ahead = await AccessTokens.load(keysDir, now);
    expect(await behind.verify(ahead.sign(claims))).toEqual(claims);
  });

  it('access-token-with-unknown-kid-is-refused: a well-formed token from a key outside the set verifies nowhere', async () => {
    const tokens = await AccessTokens.load(keysDir, now);
    const genuine = tokens.sign(claims);
    const foreign = parseSigningKey(newSigningJwk());
    const forge = (kid: string) => {
      const input = [{ alg: 'EdDSA', typ: 'at+jwt', kid }, JSON.parse(Buffer.from(genuine.split('.')[1]!, 'base64url').toString()) as object]
        .map((p) => Buffer.from(JSON.stringify(p)).toString('base64url'))
        .join('.');
      return `${input}.${signBytes(null, Buffer.from(input), foreign.privateKeyObject).toString('base64url')}`;
    };
    expect(await tokens.verify(forge(foreign.kid))).toBeNull();
    expect(await tokens.verify(forge(randomUUID()))).toBeNull();
    // The set's own kid on another key's signature: still nothing.
    expect(await tokens.verify(forge(kidOf(genuine)))).toBeNull();
    expect(await tokens.verify(genuine)).toEqual(claims);
  });

  it('retired-access-key-past-its-window-is-refused: a retired key verifies for 12 minutes after its retirement, then not at all', async () => {
    const start = new Date(clock);
    const verifier = await AccessTokens.load(keysDir, now);
    // An instance that had not seen the rotation yet signs with the old key 5 minutes in: its token lasts until minute 15.
    clock = new Date(start.getTime() + 5 * MINUTE);
    const late = (await AccessTokens.load(keysDir, now)).sign(claims);
    await rotateAccessKey(keysDir, { now: start });
    await afterNextLook();
    clock = new Date(start.getTime() + 11 * MINUTE);
    expect(await verifier.verify(late)).toEqual(claims);
    clock = new Date(start.getTime() + 13 * MINUTE);
    expect(await verifier.verify(late)).toBeNull(); // unexpired, but its key's window is over
  });

  it('removed-access-key-is-refused: after `keys rotate --access --drop-retired` the old key’s tokens stop at once', async () => {
    const tokens = await AccessTokens.load(keysDir, now);
    const before = tokens.sign(claims);
    expect(await tokens.verify(before)).toEqual(claims);
    const rotated = await rotateAccessKey(keysDir, { now: clock, dropRetired: true });
    expect(rotated.removed).toContain(kidOf(before));
    await afterNextLook();
    expect(await tokens.verify(before)).toBeNull();
    expect(await tokens.verify(tokens.sign(claims))).toEqual(claims);
  });

  it('takes retired keys out of the folder once their window has passed, at the next rotation', async () => {
    const first = kidOf((await AccessTokens.load(keysDir, now)).sign(claims));
    await rotateAccessKey(keysDir, { now: clock });
    const later = await rotateAccessKey(keysDir, { now: new Date(clock.getTime() + 13 * MINUTE) });
    expect(later.removed).toEqual([first]);
  });
});

describe('AccessTokens.keyAccepted (for caches of verified tokens)', () => {
  it('is true for the current and a retired key in its window, false once the key is dropped', async () => {
    const tokens = await AccessTokens.load(keysDir, now);
    const before = tokens.sign(claims);
    expect(tokens.keyAccepted(before)).toBe(true);
    expect(tokens.keyAccepted('not.a.token')).toBe(false);
    await rotateAccessKey(keysDir, { now: clock });
    await afterNextLook();
    expect(tokens.keyAccepted(before)).toBe(true);
    await rotateAccessKey(keysDir, { now: clock, dropRetired: true });
    await afterNextLook();
    expect(tokens.keyAccepted(before)).toBe(false);
    expect(tokens.keyAccepted(tokens.sign(claims))).toBe(true);
  });
});
