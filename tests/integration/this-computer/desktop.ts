import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { createMemoryStore, type KeyValueStore } from '../../../electron/services/storage/key-value-store';
import { silentLogger } from '../../../electron/services/log/logger';
import { createMemoryVault } from '../../../electron/services/vault/memory-vault';
import type { EventName } from '../../../shared/contract/types';
import type { ThisComputerState } from '../../../shared/contract/this-computer';
import type { Result } from '../../../shared/errors';

export interface Desktop {
  services: AppServices;
  store: KeyValueStore;
  /** Every `thisComputer.changed` the renderer would have received. */
  pushed: ThisComputerState[];
  /** A call as the renderer makes it: through the dispatcher, validated by the contract. */
  call<T = unknown>(channel: string, input?: unknown): Promise<Result<T>>;
  /** The value of a call that must succeed. */
  value<T = unknown>(channel: string, input?: unknown): Promise<T>;
  stop(): void;
}

/**
 * The desktop app's main process minus Electron, in this process: the real services and
 * IPC dispatcher, talking to the real account service over HTTP. `seed` makes it a
 * distinct (synthetic) computer, as the browser host's --machine-seed does.
 */
export function startDesktop(apiBaseUrl: string, seed: string, store: KeyValueStore = createMemoryStore()): Desktop {
  const services = createAppServices({
    apiBaseUrl,
    vault: createMemoryVault(),
    appInfo: { version: '0.1.0', platform: 'linux', host: 'browser' },
    logger: silentLogger,
    openExternal: async () => {},
    store,
    machineSeed: seed,
    timeoutMs: 5_000,
    retryBaseDelayMs: 20,
  });
  const pushed: ThisComputerState[] = [];
  services.events.subscribe((name: EventName, payload) => {
    if (name === 'thisComputer.changed') pushed.push(payload as ThisComputerState);
  });
  services.start();
  const call = <T>(channel: string, input: unknown = {}) => services.dispatcher.dispatch(channel, input) as Promise<Result<T>>;
  return {
    services,
    store,
    pushed,
    call,
    async value<T>(channel: string, input: unknown = {}) {
      const result = await call<T>(channel, input);
      if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
      return result.value;
    },
    stop: () => services.stop(),
  };
}
