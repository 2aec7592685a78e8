import { generateKeyPair, exportJWK } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FINGERPRINT, leaseFrom, licenceKeyFolder, memoryPins, signerOf, statementSignedWith } from './licence-key-folder';

// A well-formed statement, numbered right, naming the pinned key as `previous`, but signed
// by a key the app does not trust (the attacker's own, or the new key vouching for itself).
let pinned: Awaited<ReturnType<typeof licenceKeyFolder>>;
let attacker: Awaited<ReturnType<typeof licenceKeyFolder>>;
const clock = new Date('2026-03-01T09:00:00.000Z');
const now = () => clock;
beforeEach(async () => {
  [pinned, attacker] = await Promise.all([licenceKeyFolder(), licenceKeyFolder()]);
});
afterEach(async () => {
  await Promise.all([pinned.remove(), attacker.remove()]);
});

describe('licence-key-change-signed-by-another-key-is-refused', () => {
  it('does not follow a statement the pinned key did not sign, whatever it says', async () => {
    const { store } = memoryPins(now);
    const original = (await signerOf(pinned.keysDir)).published(clock);
    await store.accept(original);
    const evil = await signerOf(attacker.keysDir);
    const evilJwk = evil.published(clock).jwk;
    const { privateKey: strangerKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    expect((await exportJWK(strangerKey)).x).not.toBe(original.jwk.x);
    const rotation = { sequence: 1, previous: original.jwk, next: evilJwk, validFrom: clock.toISOString(), issuedAt: clock.toISOString() };
    const forged = await statementSignedWith(strangerKey, rotation);
    expect(await store.accept({ jwk: evilJwk, rotations: [forged] })).toMatchObject({ ok: false, error: { code: 'LICENCE_KEY_CHANGED' } });
    expect(store.pinned()).toMatchObject({ jwk: original.jwk, generation: 0, retired: [] });
    expect(await store.verify(leaseFrom(evil, clock), { now: clock, expectedFingerprint: FINGERPRINT })).toEqual({ ok: false, reason: 'signature' });
  });
});
