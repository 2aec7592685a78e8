import { type Logger, silentLogger } from '../log/logger';
import type { KeyValueStore } from '../storage/key-value-store';
import { createMemoryVault } from './memory-vault';
import type { TokenVault, VaultKind } from './token-vault';

/** The part of Electron's `safeStorage` the vault needs; injected so this stays plain Node. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: `basic_text`, `gnome_libsecret`, `kwallet5`, … */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Where the sealed token is kept: electron-store in the app, memory in tests. */
export type { KeyValueStore };

interface SealedSecret {
  /** The backend that encrypted it: a ciphertext from another backend cannot be trusted to decrypt. */
  backend: string;
  data: string;
}

/**
 * Linux backends that do not protect anything: `basic_text` encrypts with a hard-coded
 * password, and `unknown` means safeStorage has not chosen one.
 */
const insecureLinuxBackends = new Set(['basic_text', 'unknown']);

export interface SafeStorageVaultOptions {
  safeStorage: SafeStorageLike;
  store: KeyValueStore;
  platform: NodeJS.Platform;
  key?: string;
  logger?: Logger;
  /** Told when the vault switches between secure and memory-only, so the session can tell the user. */
  onKindChange?: (kind: VaultKind) => void;
}

/**
 * The refresh token encrypted with the OS key store through `safeStorage`. Where that store
 * offers no real protection it keeps the token in memory only and says so (`kind`), and it
 * checks the backend again before every read and write because it can change while running.
 */
export function createSafeStorageVault(options: SafeStorageVaultOptions): TokenVault {
  const { safeStorage, store, platform, key = 'refreshToken', logger = silentLogger, onKindChange } = options;
  // The token of this run, whatever the backend: a backend change mid-session does not sign the user out.
  const memory = createMemoryVault();

  const backend = () => (platform === 'linux' ? (safeStorage.getSelectedStorageBackend?.() ?? 'unknown') : platform);
  let lastKind: VaultKind | undefined;

  function check(): { kind: VaultKind; backend: string } {
    const current = backend();
    const secure = safeStorage.isEncryptionAvailable() && !(platform === 'linux' && insecureLinuxBackends.has(current));
    const kind: VaultKind = secure ? 'secure' : 'memory';
    if (lastKind !== undefined && kind !== lastKind) {
      logger.warn('token storage changed', { kind, backend: current });
      onKindChange?.(kind);
    } else if (lastKind === undefined && kind === 'memory') {
      logger.warn('no secure key store; the session will not survive a restart', { backend: current });
    }
    lastKind = kind;
    return { kind, backend: current };
  }

  function readSealed(): SealedSecret | null {
    const value = store.get(key);
    if (value && typeof value === 'object' && typeof (value as SealedSecret).backend === 'string' && typeof (value as SealedSecret).data === 'string') {
      return value as SealedSecret;
    }
    return null;
  }

  return {
    get kind() {
      return check().kind;
    },
    async get() {
      const now = check();
      const inMemory = await memory.get();
      if (inMemory !== null) return inMemory;
      if (now.kind !== 'secure') return null;
      const sealed = readSealed();
      if (!sealed) return null;
      if (sealed.backend !== now.backend) {
        logger.warn('stored session was sealed by another key store; discarding it', { sealedWith: sealed.backend, current: now.backend });
        store.delete(key);
        return null;
      }
      try {
        const secret = safeStorage.decryptString(Buffer.from(sealed.data, 'base64'));
        await memory.set(secret);
        return secret;
      } catch {
        logger.warn('stored session could not be decrypted; discarding it');
        store.delete(key);
        return null;
      }
    },
    async set(secret) {
      await memory.set(secret);
      const now = check();
      if (now.kind !== 'secure') {
        // Never leave an older token on disk that the current backend cannot protect.
        store.delete(key);
        return;
      }
      const data = safeStorage.encryptString(secret).toString('base64');
      store.set(key, { backend: now.backend, data } satisfies SealedSecret);
    },
    async clear() {
      await memory.clear();
      store.delete(key);
      check();
    },
  };
}
