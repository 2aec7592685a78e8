import { describe, expect, it } from 'vitest';
import { type KeyValueStore, type SafeStorageLike, createSafeStorageVault } from '../../../electron/services/vault/safe-storage-vault';
import { DEVICE_TOKEN_ACCOUNTS } from '../../../electron/services/vault/device-token-map';
import type { VaultKind } from '../../../electron/services/vault/token-vault';

/** Electron's safeStorage, faked: "encrypts" by tagging with the backend, so a wrong-backend decrypt is visible. */
function fakeSafeStorage(initial: { available: boolean; backend: string }) {
  const state = { ...initial };
  const safeStorage: SafeStorageLike = {
    isEncryptionAvailable: () => state.available,
    getSelectedStorageBackend: () => state.backend,
    encryptString: (text) => Buffer.from(`${state.backend}:${text}`),
    decryptString: (data) => {
      const [backend, ...rest] = data.toString().split(':');
      if (backend !== state.backend) throw new Error('bad key');
      return rest.join(':');
    },
  };
  return { safeStorage, state };
}

function mapStore(): KeyValueStore & { map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return { map, get: (k) => map.get(k), set: (k, v) => void map.set(k, v), delete: (k) => void map.delete(k) };
}

describe('safeStorage vault', () => {
  it('refuses the Linux basic_text backend: memory only, nothing written to disk', async () => {
    const { safeStorage } = fakeSafeStorage({ available: true, backend: 'basic_text' });
    const store = mapStore();
    const vault = createSafeStorageVault({ safeStorage, store, platform: 'linux' });

    await vault.set('refresh-1');

    expect(vault.kind).toBe('memory');
    expect(store.map.size).toBe(0);
    expect(await vault.get()).toBe('refresh-1'); // still signed in for this run
  });

  it('keeps the token encrypted where a real key store answers, and reads it back next launch', async () => {
    const { safeStorage } = fakeSafeStorage({ available: true, backend: 'gnome_libsecret' });
    const store = mapStore();
    await createSafeStorageVault({ safeStorage, store, platform: 'linux' }).set('refresh-1');

    const stored = JSON.stringify([...store.map.values()]);
    expect(stored).not.toContain('refresh-1');
    const nextLaunch = createSafeStorageVault({ safeStorage, store, platform: 'linux' });
    expect(nextLaunch.kind).toBe('secure');
    expect(await nextLaunch.get()).toBe('refresh-1');
  });

  it('notices when the backend changes to basic_text while running, and stops writing to disk', async () => {
    const { safeStorage, state } = fakeSafeStorage({ available: true, backend: 'kwallet5' });
    const store = mapStore();
    const kinds: VaultKind[] = [];
    const vault = createSafeStorageVault({ safeStorage, store, platform: 'linux', onKindChange: (k) => kinds.push(k) });
    await vault.set('refresh-1');
    expect(store.map.size).toBe(1);

    state.backend = 'basic_text';
    await vault.set('refresh-2');

    expect(kinds).toEqual(['memory']);
    expect(vault.kind).toBe('memory');
    expect(store.map.size).toBe(0); // the older ciphertext is removed too
    expect(await vault.get()).toBe('refresh-2');
  });

  it('discards a token sealed by another backend instead of trusting it', async () => {
    const first = fakeSafeStorage({ available: true, backend: 'gnome_libsecret' });
    const store = mapStore();
    await createSafeStorageVault({ safeStorage: first.safeStorage, store, platform: 'linux' }).set('refresh-1');

    const second = fakeSafeStorage({ available: true, backend: 'kwallet6' });
    const vault = createSafeStorageVault({ safeStorage: second.safeStorage, store, platform: 'linux' });
    expect(await vault.get()).toBeNull();
    expect(store.map.size).toBe(0);
  });

  it('is memory-only when encryption is unavailable (macOS keychain locked, say)', async () => {
    const { safeStorage } = fakeSafeStorage({ available: false, backend: 'n/a' });
    const store = mapStore();
    const vault = createSafeStorageVault({ safeStorage, store, platform: 'darwin' });
    await vault.set('refresh-1');
    expect(vault.kind).toBe('memory');
    expect(store.map.size).toBe(0);
  });

  it('clear() forgets the token everywhere', async () => {
    const { safeStorage } = fakeSafeStorage({ available: true, backend: 'win32' });
    const store = mapStore();
    const vault = createSafeStorageVault({ safeStorage, store, platform: 'win32' });
    await vault.set('refresh-1');
    await vault.clear();
    expect(await vault.get()).toBeNull();
    expect(store.map.size).toBe(0);
  });
});

describe('device tokens in the safeStorage vault', () => {
  it('are sealed beside the refresh token, survive sign-out (clear) and the next launch, per account', async () => {
    const { safeStorage } = fakeSafeStorage({ available: true, backend: 'gnome_libsecret' });
    const store = mapStore();
    const vault = createSafeStorageVault({ safeStorage, store, platform: 'linux' });
    await vault.set('refresh-1');
    await vault.setDeviceToken('anna@example.test', 'device-anna');
    await vault.setDeviceToken('bob@example.test', 'device-bob');
    expect(JSON.stringify([...store.map.values()])).not.toMatch(/device-|anna/);

    await vault.clear();
    expect(await vault.get()).toBeNull();

    const nextLaunch = createSafeStorageVault({ safeStorage, store, platform: 'linux' });
    expect(await nextLaunch.get()).toBeNull();
    expect(await nextLaunch.deviceToken(' Anna@Example.TEST ')).toBe('device-anna');
    expect(await nextLaunch.deviceToken('bob@example.test')).toBe('device-bob');
    expect(await nextLaunch.deviceToken('carol@example.test')).toBeNull();

    await nextLaunch.setDeviceToken('anna@example.test', 'device-anna-2');
    expect(await createSafeStorageVault({ safeStorage, store, platform: 'linux' }).deviceToken('anna@example.test')).toBe('device-anna-2');
  });

  it('stay in memory only where the key store protects nothing (basic_text)', async () => {
    const { safeStorage } = fakeSafeStorage({ available: true, backend: 'basic_text' });
    const store = mapStore();
    const vault = createSafeStorageVault({ safeStorage, store, platform: 'linux' });
    await vault.setDeviceToken('anna@example.test', 'device-anna');
    expect(store.map.size).toBe(0);
    expect(await vault.deviceToken('anna@example.test')).toBe('device-anna');
  });

  it('keep the accounts signed in to most recently, a bounded few', async () => {
    const { safeStorage } = fakeSafeStorage({ available: true, backend: 'win32' });
    const store = mapStore();
    const vault = createSafeStorageVault({ safeStorage, store, platform: 'win32' });
    for (let i = 0; i <= DEVICE_TOKEN_ACCOUNTS; i++) await vault.setDeviceToken(`user${i}@example.test`, `device-${i}`);
    expect(await vault.deviceToken('user0@example.test')).toBeNull();
    expect(await vault.deviceToken('user1@example.test')).toBe('device-1');
    expect(await vault.deviceToken(`user${DEVICE_TOKEN_ACCOUNTS}@example.test`)).toBe(`device-${DEVICE_TOKEN_ACCOUNTS}`);
  });

  it('read as none when what is stored is not a token map', async () => {
    const { safeStorage } = fakeSafeStorage({ available: true, backend: 'win32' });
    const store = mapStore();
    store.map.set('deviceTokens', { backend: 'win32', data: safeStorage.encryptString('{"not":"a list"}').toString('base64') });
    const vault = createSafeStorageVault({ safeStorage, store, platform: 'win32' });
    expect(await vault.deviceToken('anna@example.test')).toBeNull();
    await vault.setDeviceToken('anna@example.test', 'device-anna');
    expect(await vault.deviceToken('anna@example.test')).toBe('device-anna');
  });
});
