import { type Logger, silentLogger } from '../log/logger';
import type { KeyValueStore } from '../storage/key-value-store';
import { deviceTokensIn } from './device-token-map';
import { memorySlot } from './memory-vault';
import type { SecretSlot, TokenVault, VaultKind } from './token-vault';

/** The part of Electron's `safeStorage` the vault needs; injected so this stays plain Node. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: `basic_text`, `gnome_libsecret`, `kwallet5`, … */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Where the sealed tokens are kept: electron-store in the app, memory in tests. */
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
  /** Where the sealed refresh token is kept. */
  key?: string;
  /** Where the sealed device tokens are kept (token-vault.ts): beside the refresh token, and kept across sign-out. */
  deviceTokensKey?: string;
  logger?: Logger;
  /** Told when the vault switches between secure and memory-only, so the session can tell the user. */
  onKindChange?: (kind: VaultKind) => void;
}

/**
 * The refresh token and the device tokens, encrypted with the OS key store through
 * `safeStorage`. Where that store offers no real protection it keeps them in memory only and
 * says so (`kind`), and it checks the backend again before every read and write because it
 * can change while running.
 */
export function createSafeStorageVault(options: SafeStorageVaultOptions): TokenVault {
  const { safeStorage, store, platform, key = 'refreshToken', deviceTokensKey = 'deviceTokens', logger = silentLogger, onKindChange } = options;

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

  function readSealed(slotKey: string): SealedSecret | null {
    const value = store.get(slotKey);
    if (value && typeof value === 'object' && typeof (value as SealedSecret).backend === 'string' && typeof (value as SealedSecret).data === 'string') {
      return value as SealedSecret;
    }
    return null;
  }

  /** One secret sealed under `slotKey`, and held in memory for this run whatever the backend. */
  function sealedSlot(slotKey: string): SecretSlot {
    // A backend change mid-session does not sign the user out.
    const memory = memorySlot();
    return {
      async get() {
        const now = check();
        const inMemory = await memory.get();
        if (inMemory !== null) return inMemory;
        if (now.kind !== 'secure') return null;
        const sealed = readSealed(slotKey);
        if (!sealed) return null;
        if (sealed.backend !== now.backend) {
          logger.warn('stored secret was sealed by another key store; discarding it', { slot: slotKey, sealedWith: sealed.backend, current: now.backend });
          store.delete(slotKey);
          return null;
        }
        try {
          const secret = safeStorage.decryptString(Buffer.from(sealed.data, 'base64'));
          await memory.set(secret);
          return secret;
        } catch {
          logger.warn('stored secret could not be decrypted; discarding it', { slot: slotKey });
          store.delete(slotKey);
          return null;
        }
      },
      async set(secret) {
        await memory.set(secret);
        const now = check();
        if (now.kind !== 'secure') {
          // Never leave an older secret on disk that the current backend cannot protect.
          store.delete(slotKey);
          return;
        }
        const data = safeStorage.encryptString(secret).toString('base64');
        store.set(slotKey, { backend: now.backend, data } satisfies SealedSecret);
      },
      async clear() {
        await memory.clear();
        store.delete(slotKey);
        check();
      },
    };
  }

  const refresh = sealedSlot(key);
  return {
    get kind() {
      return check().kind;
    },
    get: refresh.get,
    set: refresh.set,
    clear: refresh.clear,
    ...deviceTokensIn(sealedSlot(deviceTokensKey)),
  };
}
