import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotateLicenceKey } from '../../../server/src/keys/key-rotation';
import { FINGERPRINT, leaseFrom, licenceKeyFolder, memoryPins, signerOf } from './licence-key-folder';

// Someone (a man in the middle, or a service that lost its key) presents another licence
// key without a statement the pinned key signed. The app keeps its pin and refuses the
// new key's leases, as before rotations existed.
let pinned: Awaited<ReturnType<typeof licenceKeyFolder>>;
let other: Awaited<ReturnType<typeof licenceKeyFolder>>;
const clock = new Date('2026-03-01T09:00:00.000Z');
const now = () => clock;
beforeEach(async () => {
  [pinned, other] = await Promise.all([licenceKeyFolder(), licenceKeyFolder()]);
});
afterEach(async () => {
  await Promise.all([pinned.remove(), other.remove()]);
});

describe('unsigned-licence-key-change-is-refused', () => {
  it('refuses a different key offered with no statement, keeps the pin and refuses that key’s leases', async () => {
    const { store } = memoryPins(now);
    const original = (await signerOf(pinned.keysDir)).published(clock);
    await store.accept(original);
    const impostor = await signerOf(other.keysDir);
    expect(await store.accept(impostor.published(clock))).toMatchObject({ ok: false, error: { code: 'LICENCE_KEY_CHANGED' } });
    expect(store.pinned()).toMatchObject({ jwk: original.jwk, generation: 0 });
    expect(await store.verify(leaseFrom(impostor, clock), { now: clock, expectedFingerprint: FINGERPRINT })).toEqual({ ok: false, reason: 'signature' });
  });

  it('refuses a real statement whose signature was replaced, and one of another kind of token', async () => {
    await rotateLicenceKey(pinned.keysDir, { now: clock, validFrom: clock });
    const { store } = memoryPins(now);
    const rotatedSigner = await signerOf(pinned.keysDir);
    const published = rotatedSigner.published(clock);
    // Pin the key before the rotation, as an app that last looked before it.
    const beforeJwk = JSON.parse(Buffer.from(published.rotations[0]!.split('.')[1]!, 'base64url').toString()).previous;
    await store.accept({ jwk: beforeJwk, rotations: [] });
    const [header, payload] = published.rotations[0]!.split('.');
    const unsigned = `${header}.${payload}.`;
    const garbage = `${header}.${payload}.${Buffer.alloc(64, 7).toString('base64url')}`;
    const noneAlg = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'palisade-licence-key-rotation+jws' })).toString('base64url')}.${payload}.`;
    const aLease = leaseFrom(rotatedSigner, clock); // signed by the new key: not a statement at all
    for (const rotations of [[], [unsigned], [garbage], [noneAlg], [aLease]]) {
      expect(await store.accept({ jwk: published.jwk, rotations })).toMatchObject({ ok: false, error: { code: 'LICENCE_KEY_CHANGED' } });
      expect(store.pinned()).toMatchObject({ jwk: beforeJwk, generation: 0 });
    }
    // The genuine statement is followed.
    expect(await store.accept(published)).toMatchObject({ ok: true });
  });
});
