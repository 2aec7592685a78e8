import { deviceTokensIn } from '../services/vault/device-token-map';
import { createMemoryVault, memorySlot } from '../services/vault/memory-vault';
import type { SecretSlot, TokenVault, VaultKind } from '../services/vault/token-vault';
import { type Logger, describeError } from '../services/log/logger';

/** The slice of @napi-rs/keyring's AsyncEntry the vault uses. */
interface KeyringEntry {
  getPassword(): Promise<string | null>;
  setPassword(password: string): Promise<void>;
  deletePassword(): Promise<boolean>;
}

export interface KeyringVaultOptions {
  /** Keychain service name. */
  service?: string;
  /** Keychain account name: one per data folder and account service, so hosts do not share sessions. */
  account: string;
  logger: Logger;
}

/**
 * The browser host's vault: the OS key store (macOS Keychain, Windows Credential Manager,
 * the Secret Service on Linux) through @napi-rs/keyring, one entry for the refresh token and
 * one beside it for the device tokens. On Linux it insists on the Secret Service, whose store
 * persists; where none answers it keeps the tokens in memory and says so (`kind: 'memory'`).
 * A key store that fails later also drops to memory, so the session of this run goes on.
 */
export async function openKeyringVault({ service = 'Palisade', account, logger }: KeyringVaultOptions): Promise<TokenVault> {
  let refreshEntry: KeyringEntry;
  let deviceTokensEntry: KeyringEntry;
  try {
    const { AsyncEntry } = await import('@napi-rs/keyring');
    const entry = (name: string) => new AsyncEntry(service, name, { linux: { store: 'secret-service' } });
    refreshEntry = entry(account);
    deviceTokensEntry = entry(`${account}-device-tokens`);
    await refreshEntry.getPassword(); // the probe: throws when no key store answers
  } catch (error) {
    logger.warn('no OS key store answered; this session will not survive a restart', { error: describeError(error) });
    return createMemoryVault();
  }

  let kind: VaultKind = 'secure';
  const degrade = (error: unknown) => {
    if (kind === 'memory') return;
    kind = 'memory';
    logger.warn('the OS key store stopped answering; keeping the session in memory', { error: describeError(error) });
  };

  /** One secret in `entry`, and held in memory for this run. */
  function keyringSlot(entry: KeyringEntry): SecretSlot {
    const memory = memorySlot();
    return {
      async get() {
        const inMemory = await memory.get();
        if (inMemory !== null || kind === 'memory') return inMemory;
        try {
          const stored = await entry.getPassword();
          if (stored !== null) await memory.set(stored);
          return stored;
        } catch (error) {
          degrade(error);
          return null;
        }
      },
      async set(secret) {
        await memory.set(secret);
        if (kind === 'memory') return;
        try {
          await entry.setPassword(secret);
        } catch (error) {
          degrade(error);
        }
      },
      async clear() {
        await memory.clear();
        try {
          await entry.deletePassword();
        } catch (error) {
          degrade(error);
        }
      },
    };
  }

  const refresh = keyringSlot(refreshEntry);
  return {
    get kind() {
      return kind;
    },
    get: refresh.get,
    set: refresh.set,
    clear: refresh.clear,
    ...deviceTokensIn(keyringSlot(deviceTokensEntry)),
  };
}
