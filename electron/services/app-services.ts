import { createAccountApi } from './api/account-api';
import { createApiClient, type ApiClient } from './api/api-client';
import { createIdentityApi } from './api/identity-api';
import { createSecurityApi } from './api/security-api';
import { createProtection, type Protection } from './devices/protection-services';
import { createMemoryStore, type KeyValueStore } from './devices/key-value-store';
import { createDispatcher, type Dispatcher } from './ipc/dispatcher';
import { createEventHub, type EventHub } from './ipc/event-hub';
import { type AppInfo, createHandlers } from './ipc/handlers';
import { vetExternalUrl } from './links/external-url';
import type { Logger } from './log/logger';
import { createAccountSecurity } from './session/account-security';
import { createSessionService, type SessionService } from './session/session-service';
import type { TokenVault } from './vault/token-vault';

export const DEFAULT_API_URL = 'http://127.0.0.1:4600';

export interface AppServicesOptions {
  apiBaseUrl: string;
  vault: TokenVault;
  appInfo: AppInfo;
  logger: Logger;
  deviceName?: string;
  openExternal(url: string): Promise<void>;
  /** Passed to the API client (tests shorten them). */
  timeoutMs?: number;
  retryBaseDelayMs?: number;
  /** Keeps the fingerprint cache, pinned licence key and last lease; in memory when absent. */
  store?: KeyValueStore;
  /** A synthetic machine instead of this one's hardware (browser host `--machine-seed`). */
  machineSeed?: string;
  heartbeatIntervalMs?: number;
}

export interface AppServices {
  api: ApiClient;
  session: SessionService;
  protection: Protection;
  events: EventHub;
  dispatcher: Dispatcher;
  /** Restores the session in the background; `session.get` waits for it. */
  start(): void;
  stop(): void;
}

/**
 * The main process minus Electron: the API client, the session and every IPC handler,
 * wired once. The Electron main process and the browser host each add only a transport.
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const { apiBaseUrl, vault, appInfo, logger, deviceName, openExternal } = options;
  const events = createEventHub({ logger: logger.child('events') });

  // The session supplies tokens to the client that it itself calls through; the closures
  // below run only after both exist.
  const api = createApiClient({
    baseUrl: apiBaseUrl,
    logger: logger.child('api'),
    userAgent: `Palisade/${appInfo.version} (${appInfo.platform}; ${appInfo.host})`,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.retryBaseDelayMs !== undefined && { retryBaseDelayMs: options.retryBaseDelayMs }),
    getAccessToken: (o) => session.accessToken(o),
    onOnlineChange: (online) => {
      events.emit('network.changed', { online });
      if (online) session.resume();
      protection.thisComputer.networkChanged(online);
    },
  });

  const session: SessionService = createSessionService({
    identity: createIdentityApi(api),
    account: createAccountApi(api),
    vault,
    logger: logger.child('session'),
    ...(deviceName !== undefined && { deviceName }),
    onChange: (state) => {
      events.emit('session.changed', state);
      protection.thisComputer.setUser(state.user?.id ?? null);
    },
  });

  const protection: Protection = createProtection({
    api,
    apiBaseUrl,
    store: options.store ?? createMemoryStore(),
    appVersion: appInfo.version,
    logger,
    machineSeed: options.machineSeed,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    onChange: (state) => events.emit('thisComputer.changed', state),
  });

  const security = createAccountSecurity({ api: createSecurityApi(api), session, logger: logger.child('security') });

  const handlers = createHandlers({
    session,
    security,
    protection,
    appInfo,
    isOnline: () => api.isOnline(),
    openExternal: (url) => openExternal(vetExternalUrl(url)),
  });
  const dispatcher = createDispatcher(handlers, { logger: logger.child('ipc') });

  return {
    api,
    session,
    protection,
    events,
    dispatcher,
    start: () => {
      // The fingerprint is recomputed in the background; the stored lease answers meanwhile.
      protection.fingerprint.start();
      protection.thisComputer.start();
      void session.start();
      void session.state().then((state) => protection.thisComputer.setUser(state.user?.id ?? null));
    },
    stop: () => {
      protection.thisComputer.stop();
      api.close();
    },
  };
}
