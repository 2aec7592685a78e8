import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rotateLicenceKey } from '../../../server/src/keys/key-rotation';
import { DAY, FINGERPRINT, leaseFrom, licenceKeyFolder, memoryPins, signerOf } from './licence-key-folder';

// Genuine statements, shown in a way that would skip a step or step back: a later one
// without the one before it, or an old one again after the app has moved past it.
let folder: Awaited<ReturnType<typeof licenceKeyFolder>>;
let clock: Date;
const now = () => clock;
beforeEach(async () => {
  folder = await licenceKeyFolder();
  clock = new Date('2026-03-01T09:00:00.000Z');
});
afterEach(async () => {
  await folder.remove();
});

const statementKeys = (jws: string) => JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString()) as { previous: object; next: object };

describe('licence-key-rotation-replayed-out-of-order-is-refused', () => {
  it('does not skip to statement 2 without statement 1, nor step back to generation 1 by replaying statement 1', async () => {
    const { store } = memoryPins(now);
    await store.accept((await signerOf(folder.keysDir)).published(clock));
    await rotateLicenceKey(folder.keysDir, { now: clock, validFrom: clock });
    const gen1Signer = await signerOf(folder.keysDir);
    clock = new Date(clock.getTime() + 30 * DAY);
    await rotateLicenceKey(folder.keysDir, { now: clock, validFrom: clock });
    const published = (await signerOf(folder.keysDir)).published(clock);
    const [first, second] = published.rotations as [string, string];

    // Skipping: statement 2 is signed by generation 1, which this app never trusted.
    expect(await store.accept({ jwk: published.jwk, rotations: [second] })).toMatchObject({ ok: false, error: { code: 'LICENCE_KEY_CHANGED' } });
    expect(store.pinned()?.generation).toBe(0);

    // In order, both are followed.
    expect(await store.accept(published)).toMatchObject({ ok: true });
    expect(store.pinned()?.generation).toBe(2);

    // Replaying statement 1 and offering its key again (generation 1, past its time): refused, the pin stays.
    clock = new Date(clock.getTime() + 20 * DAY);
    const gen1Jwk = statementKeys(first).next;
    expect(await store.accept({ jwk: gen1Jwk as never, rotations: [first] })).toMatchObject({ ok: false, error: { code: 'LICENCE_KEY_CHANGED' } });
    expect(store.pinned()?.generation).toBe(2);
    expect(await store.verify(leaseFrom(gen1Signer, clock), { now: clock, expectedFingerprint: FINGERPRINT })).toEqual({ ok: false, reason: 'signature' });
  });
});
