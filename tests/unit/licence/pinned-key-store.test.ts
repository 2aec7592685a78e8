import { describe, expect, it } from 'vitest';
import { type PinnedKeyStorage, type PinnedLicenceKey, PinnedKeyStore } from '../../../electron/services/licence';
import { NOW, leasePayload, licenceKeyPair, signLease } from './lease-keys';

function memoryStorage(initial?: unknown): PinnedKeyStorage & { value: unknown } {
  const storage = {
    value: initial,
    get: () => storage.value as PinnedLicenceKey | undefined,
    set: (v: PinnedLicenceKey) => {
      storage.value = v;
    },
    clear: () => {
      storage.value = undefined;
    },
  };
  return storage;
}

describe('PinnedKeyStore', async () => {
  const original = await licenceKeyPair();
  const replacement = await licenceKeyPair();
  const now = () => NOW;

  it('pins the first key it sees and accepts it again, whatever extra JWK fields come along', async () => {
    const storage = memoryStorage();
    const store = new PinnedKeyStore(storage, { now });
    expect(await store.accept(original.publicJwk)).toEqual({ ok: true, value: original.publicJwk });
    expect(store.pinned()).toMatchObject({ jwk: original.publicJwk, pinnedAt: NOW.toISOString() });
    const withKid = { ...original.publicJwk, kid: 'licence-1', use: 'sig' };
    expect(await store.accept(withKid)).toEqual({ ok: true, value: original.publicJwk });
  });

  it('refuses a changed key as LICENCE_KEY_CHANGED and keeps the pin', async () => {
    const storage = memoryStorage();
    const store = new PinnedKeyStore(storage, { now });
    await store.accept(original.publicJwk);
    const result = await store.accept(replacement.publicJwk);
    expect(result).toMatchObject({ ok: false, error: { code: 'LICENCE_KEY_CHANGED' } });
    expect(store.pinned()?.jwk).toEqual(original.publicJwk);
    // the pin survives a restart (a new store over the same storage)
    const restarted = new PinnedKeyStore(storage, { now });
    expect(await restarted.accept(replacement.publicJwk)).toMatchObject({
      ok: false,
      error: { code: 'LICENCE_KEY_CHANGED' },
    });
  });

  it('verifies leases against the pinned key only', async () => {
    const store = new PinnedKeyStore(memoryStorage(), { now });
    const lease = leasePayload();
    const genuine = await signLease(lease, original.privateKey);
    const fromNewKey = await signLease(lease, replacement.privateKey);
    expect(await store.verify(genuine, { now: NOW })).toEqual({ ok: false, reason: 'signature' }); // nothing pinned yet
    await store.accept(original.publicJwk);
    expect(await store.verify(genuine, { now: NOW })).toEqual({ ok: true, lease });
    await store.accept(replacement.publicJwk);
    expect(await store.verify(fromNewKey, { now: NOW })).toEqual({ ok: false, reason: 'signature' });
  });

  it('pins a new key only after an explicit forget()', async () => {
    const store = new PinnedKeyStore(memoryStorage(), { now });
    await store.accept(original.publicJwk);
    store.forget();
    expect(store.pinned()).toBeUndefined();
    expect(await store.accept(replacement.publicJwk)).toMatchObject({ ok: true });
    expect(store.pinned()?.jwk).toEqual(replacement.publicJwk);
  });

  it('treats a damaged stored pin as none', async () => {
    const store = new PinnedKeyStore(memoryStorage({ jwk: 'garbage' }), { now });
    expect(store.pinned()).toBeUndefined();
  });
});
