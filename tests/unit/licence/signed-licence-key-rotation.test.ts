import { readFile } from 'node:fs/promises';
import { CompactSign, importJWK, type JWK } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstLicenceKeyFile } from '../../../server/src/licence/licence-keys';
import { rotateLicenceKey } from '../../../server/src/keys/key-rotation';
import { DAY, FINGERPRINT, leaseFrom, licenceKeyFolder, memoryPins, signerOf } from './licence-key-folder';

const MINUTE = 60_000;
let folder: Awaited<ReturnType<typeof licenceKeyFolder>>;
let clock: Date;
const now = () => clock;
const options = () => ({ now: clock, expectedFingerprint: FINGERPRINT });

beforeEach(async () => {
  folder = await licenceKeyFolder();
  clock = new Date('2026-03-01T09:00:00.000Z');
});
afterEach(async () => {
  await folder.remove();
});

describe('a signed licence-key rotation', () => {
  it('is followed by an app that pinned the old key: the new key’s leases are accepted, the old key’s earlier ones too', async () => {
    const { store } = memoryPins(now);
    const before = await signerOf(folder.keysDir);
    const original = before.published(clock);
    expect(original.rotations).toEqual([]);
    expect(await store.accept(original)).toMatchObject({ ok: true });
    const oldLease = leaseFrom(before, clock);

    const validFrom = new Date(clock.getTime() + 2 * MINUTE);
    expect(await rotateLicenceKey(folder.keysDir, { now: clock })).toMatchObject({ sequence: 1, validFrom });
    // Before validFrom the service still signs with the old key, and already publishes the statement.
    const during = (await signerOf(folder.keysDir)).published(clock);
    expect(during.jwk).toEqual(original.jwk);
    expect(during.rotations).toHaveLength(1);

    clock = new Date(validFrom.getTime() + MINUTE);
    const after = await signerOf(folder.keysDir);
    const rotated = after.published(clock);
    expect(rotated.jwk).not.toEqual(original.jwk);
    expect(await store.accept(rotated)).toEqual({ ok: true, value: rotated.jwk });
    expect(store.pinned()).toMatchObject({ jwk: rotated.jwk, generation: 1, retired: [{ jwk: original.jwk, until: validFrom.toISOString() }] });

    const newLease = leaseFrom(after, clock);
    expect(await store.verify(newLease, options())).toMatchObject({ ok: true });
    expect(await store.verify(oldLease, options())).toMatchObject({ ok: true }); // issued before validFrom, still running
  });

  it('is followed while the service still signs with the old key (before validFrom), and by a pin made before rotations existed', async () => {
    const signer = await signerOf(folder.keysDir);
    const original = signer.published(clock);
    const { store, storage } = memoryPins(now);
    // A pin as the app stored it before this change: no generation, no retired keys.
    storage.value = { jwk: original.jwk, thumbprint: (await (async () => {
      await store.accept(original);
      return store.pinned()!.thumbprint;
    })()), pinnedAt: clock.toISOString() };
    await rotateLicenceKey(folder.keysDir, { now: clock });
    const during = (await signerOf(folder.keysDir)).published(clock);
    expect(await store.accept(during)).toMatchObject({ ok: true });
    expect(store.pinned()?.generation).toBe(1);
    expect(await store.verify(leaseFrom(await signerOf(folder.keysDir), clock), options())).toMatchObject({ ok: true });
  });

  it('follows a chain of several rotations in order, in one step, from the key pinned long ago', async () => {
    const { store } = memoryPins(now);
    expect(await store.accept((await signerOf(folder.keysDir)).published(clock))).toMatchObject({ ok: true });
    for (let i = 0; i < 3; i += 1) {
      await rotateLicenceKey(folder.keysDir, { now: clock, validFrom: clock });
      clock = new Date(clock.getTime() + 30 * DAY);
    }
    const latest = await signerOf(folder.keysDir);
    const published = latest.published(clock);
    expect(published.rotations).toHaveLength(3);
    expect(await store.accept({ ...published, rotations: [...published.rotations].reverse() })).toEqual({ ok: true, value: published.jwk });
    expect(store.pinned()?.generation).toBe(3);
    expect(await store.verify(leaseFrom(latest, clock), options())).toMatchObject({ ok: true });
    // A fresh install pins the newest key straight away, at its place in the chain.
    const fresh = memoryPins(now);
    expect(await fresh.store.accept(published)).toMatchObject({ ok: true });
    expect(fresh.store.pinned()?.generation).toBe(3);
  });

  it('keeps existing leases valid: a key folder from before signs with its old key and publishes no rotation', async () => {
    const first = await signerOf(folder.keysDir);
    const again = await signerOf(folder.keysDir);
    expect(again.published(clock)).toEqual(first.published(clock));
    const { store } = memoryPins(now);
    await store.accept(first.published(clock));
    expect(await store.verify(leaseFrom(first, clock), options())).toMatchObject({ ok: true });
  });

  it('refuses a lease the old key signed after the new one took over, even one issued backwards', async () => {
    const { store } = memoryPins(now);
    const old = await signerOf(folder.keysDir);
    await store.accept(old.published(clock));
    await rotateLicenceKey(folder.keysDir, { now: clock, validFrom: clock });
    clock = new Date(clock.getTime() + MINUTE);
    await store.accept((await signerOf(folder.keysDir)).published(clock));
    // The old key's private half still signs (a leak): a lease dated after the switch is refused,
    expect(await store.verify(leaseFrom(old, clock), options())).toEqual({ ok: false, reason: 'signature' });
    // and so is one dated before it that would run past the longest lease after it.
    const until = Date.parse(store.pinned()!.retired[0]!.until);
    const privateJwk = JSON.parse(await readFile(firstLicenceKeyFile(folder.keysDir), 'utf8')) as JWK;
    const overlong = await new CompactSign(
      new TextEncoder().encode(
        JSON.stringify({
          deviceId: 'dev_1',
          subscriptionId: 'sub_1',
          fingerprint: FINGERPRINT,
          plan: 'family',
          protectedUntil: new Date(until + 300 * DAY).toISOString(),
          issuedAt: new Date(until - MINUTE).toISOString(),
          expiresAt: new Date(until + 30 * DAY).toISOString(),
        }),
      ),
    )
      .setProtectedHeader({ alg: 'EdDSA' })
      .sign(await importJWK(privateJwk, 'EdDSA'));
    expect(await store.verify(overlong, options())).toEqual({ ok: false, reason: 'signature' });
  });
});
