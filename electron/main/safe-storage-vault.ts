import { safeStorage } from 'electron';
import Store from 'electron-store';
import type { Logger } from '../services/log/logger';
import { createSafeStorageVault } from '../services/vault/safe-storage-vault';
import type { TokenVault, VaultKind } from '../services/vault/token-vault';

/**
 * The desktop app's vault: the refresh token encrypted by `safeStorage` (Keychain, DPAPI,
 * libsecret/kwallet) and kept in electron-store. Create it after the app is ready, when
 * Linux has picked its storage backend.
 */
export function openSafeStorageVault({ logger, onKindChange }: { logger: Logger; onKindChange: (kind: VaultKind) => void }): TokenVault {
  const store = new Store<Record<string, unknown>>({ name: 'session' });
  return createSafeStorageVault({
    safeStorage,
    store: {
      get: (key) => store.get(key),
      set: (key, value) => store.set(key, value),
      delete: (key) => store.delete(key),
    },
    platform: process.platform,
    logger,
    onKindChange,
  });
}
