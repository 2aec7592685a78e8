import { type AccountEvents, createAccountEvents } from './account-events/account-events-service';
import { createAccountApi } from './api/account-api';
import { createApiClient, type ApiClient } from './api/api-client';
import { createBillingApi } from './billing/billing-api';
import { createBillingService, type BillingService, type FileShell } from './billing/billing-service';
import { downloadsFolder } from './billing/downloads-folder';
import { createInvoiceFiles } from './billing/invoice-files';
import { createDevicesApi } from './api/devices-api';
import { createDownloadsApi } from './downloads/downloads-api';
import { createDownloadsService, type DownloadsService } from './downloads/downloads-service';
import { platformOf } from './downloads/installer-order';
import { createHelpHandlers } from './help/help-handlers';
import { checkFeed } from './updates/feed-check';
import { createUpdatesHandlers } from './updates/updates-handlers';
import type { UpdateStatus } from '../../shared/contract/updates';
import { createSupportHandlers } from './support/support-contacts';
import { createChatClient } from './support/chat-client';
import { createChatHandlers } from './support/chat-handlers';
import { createTicketsSupport, type TicketsSupport } from './support/tickets-setup';
import { createIdentityApi } from './api/identity-api';
import { createSecurityApi } from './api/security-api';
import { createSubscriptionsApi } from './api/subscriptions-api';
import { createAccountDevicesService, type AccountDevicesService } from './devices/devices-service';
import { type AppEvents, createAppEvents } from './events/app-events';
import { createDesktopI18n, type DesktopI18n } from './i18n/desktop-i18n';
import { sessionDeviceName } from './i18n/session-device-name';
import { createDispatcher, type Dispatcher } from './ipc/dispatcher';
import { createEventHub, type EventHub } from './ipc/event-hub';
import { type AppInfo, createHandlers } from './ipc/handlers';
import type { FingerprintService } from './fingerprint';
import { vetExternalUrl } from './links/external-url';
import type { Logger } from './log/logger';
import { createAccountSecurity } from './session/account-security';
import { createSessionService, type SessionService } from './session/session-service';
import { createSettingsService, type SettingsService } from './settings/settings-service';
import { createMemoryStore, type KeyValueStore } from './storage/key-value-store';
import { createSubscriptionsService, type SubscriptionsService } from './subscriptions/subscriptions-service';
import { createThisComputer } from './this-computer/this-computer-setup';
import type { ThisComputerService } from './this-computer/this-computer-service';
import type { TokenVault } from './vault/token-vault';

export const DEFAULT_API_URL = 'http://127.0.0.1:4600';

export interface AppServicesOptions {
  apiBaseUrl: string;
  vault: TokenVault;
  appInfo: AppInfo;
  logger: Logger;
  /** The session's name in the account's session list; by default "Palisade on <host name>" in the app's language. */
  deviceName?: string;
  openExternal(url: string): Promise<void>;
  /** Opening a saved invoice and showing it in its folder (Electron's shell); absent in the browser host, which says where it saved it. */
  fileShell?: FileShell;
  /** Where invoices are saved: the user's Downloads folder by default. */
  downloadsDir?: () => string;
  /** Passed to the API client (tests shorten them). */
  timeoutMs?: number;
  retryBaseDelayMs?: number;
  /** Keeps the fingerprint cache, pinned licence key and last lease; in memory when absent. */
  store?: KeyValueStore;
  /** Keeps what a person set in Settings; in memory when absent. */
  settingsStore?: KeyValueStore;
  /** The operating system's languages, most preferred first, for the main process's own text. */
  systemLanguages?: () => readonly string[];
  /** A synthetic machine instead of this one's hardware (browser host `--machine-seed`). */
  machineSeed?: string;
  heartbeatIntervalMs?: number;
  /** The account event stream's keep-alive interval (tests shorten it, so a dead line shows sooner). */
  eventsKeepAliveMs?: number;
  /** At most this many bytes a second per installer download (a slow line, for demos and tests). */
  downloadBytesPerSecond?: number;
  /** The log file a support ticket's diagnostics read the last lines of (logs/palisade.log); absent: no lines. */
  logFile?: string;
  /** Where updates stand (the desktop app's updater); by default the service's feed is asked, as the browser host does. */
  updateStatus?: () => Promise<UpdateStatus>;
}

export interface AppServices {
  api: ApiClient;
  session: SessionService;
  subscriptions: SubscriptionsService;
  billing: BillingService;
  /** Installer downloads: they live here, so they outlast the window. */
  downloads: DownloadsService;
  thisComputer: ThisComputerService;
  devices: AccountDevicesService;
  fingerprint: FingerprintService;
  settings: SettingsService;
  i18n: DesktopI18n;
  /** The account's event stream for whoever is signed in. */
  accountEvents: AccountEvents;
  /** Support tickets: which one the window shows (OS notifications ask). */
  tickets: TicketsSupport;
  /** What the services tell each other; a tray or notifications subscribe here. */
  appEvents: AppEvents;
  /** The renderer's events, which the transports forward. */
  events: EventHub;
  dispatcher: Dispatcher;
  /** Restores the session in the background; `session.get` waits for it. */
  start(): void;
  stop(): void;
}

/**
 * The main process minus Electron: the API client, the services and every IPC handler,
 * wired once. The Electron main process and the browser host each add only a transport.
 * Services react to each other through `appEvents`, not through one another.
 */
export function createAppServices(options: AppServicesOptions): AppServices {
  const { apiBaseUrl, vault, appInfo, logger, deviceName, openExternal } = options;
  const events = createEventHub({ logger: logger.child('events') });
  const appEvents = createAppEvents(events, { logger: logger.child('events') });

  const settings = createSettingsService({
    store: options.settingsStore ?? createMemoryStore(),
    events: appEvents,
    logger: logger.child('settings'),
  });
  const i18n = createDesktopI18n({
    choice: () => settings.get().language,
    systemLanguages: options.systemLanguages ?? (() => []),
    events: appEvents,
    logger: logger.child('i18n'),
  });

  // The session supplies tokens to the client that it itself calls through; the closure
  // below runs only after both exist.
  const api = createApiClient({
    baseUrl: apiBaseUrl,
    logger: logger.child('api'),
    userAgent: `Palisade/${appInfo.version} (${appInfo.platform}; ${appInfo.host})`,
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.retryBaseDelayMs !== undefined && { retryBaseDelayMs: options.retryBaseDelayMs }),
    getAccessToken: (o) => session.accessToken(o),
    onOnlineChange: (state) => appEvents.emit('network.changed', state),
  });

  const session: SessionService = createSessionService({
    identity: createIdentityApi(api),
    account: createAccountApi(api),
    vault,
    logger: logger.child('session'),
    deviceName: deviceName ?? (() => sessionDeviceName(i18n, appInfo.host)),
    events: appEvents,
  });
  // Back online: a restore the network interrupted finishes now.
  appEvents.on('network.changed', ({ online }) => online && session.resume());

  const devicesApi = createDevicesApi(api);
  const { fingerprint, thisComputer } = createThisComputer({
    api,
    devicesApi,
    apiBaseUrl,
    store: options.store ?? createMemoryStore(),
    events: appEvents,
    appVersion: appInfo.version,
    logger,
    machineSeed: options.machineSeed,
    heartbeatIntervalMs: options.heartbeatIntervalMs,
    fallbackName: i18n.t('desktop.device.fallbackName'),
  });
  const subscriptionsApi = createSubscriptionsApi(api);
  const subscriptions = createSubscriptionsService(subscriptionsApi);
  const billing = createBillingService({
    api: createBillingApi(api),
    subscriptionsApi,
    files: createInvoiceFiles(options.downloadsDir ?? (() => downloadsFolder())),
    shell: options.fileShell ?? {},
    events: appEvents,
    logger: logger.child('billing'),
  });
  const downloads = createDownloadsService({
    api: createDownloadsApi(api),
    apiBaseUrl,
    events,
    thisPlatform: platformOf(appInfo.platform),
    downloadsDir: options.downloadsDir ?? (() => downloadsFolder()),
    shell: options.fileShell ?? {},
    userAgent: `Palisade/${appInfo.version} (${appInfo.platform}; ${appInfo.host})`,
    ...(options.downloadBytesPerSecond !== undefined && { bytesPerSecond: options.downloadBytesPerSecond }),
    logger: logger.child('downloads'),
  });
  const devices = createAccountDevicesService(devicesApi, {
    thisDeviceId: () => thisComputer.thisDeviceId(),
    events: appEvents,
  });
  // Changes made elsewhere on the account arrive within seconds, as app events.
  const accountEvents = createAccountEvents({
    apiBaseUrl,
    session,
    events: appEvents,
    userAgent: `Palisade/${appInfo.version} (${appInfo.platform}; ${appInfo.host})`,
    logger: logger.child('account-events'),
    ...(options.eventsKeepAliveMs !== undefined && { keepAliveMs: options.eventsKeepAliveMs }),
  });
  const tickets = createTicketsSupport({
    api,
    session,
    thisComputer,
    appInfo,
    events: appEvents,
    logFile: options.logFile,
    logger: logger.child('tickets'),
  });
  // Live chat: the socket and the token stay in the main process; a sign-out closes it.
  const chat = createChatClient({
    apiBaseUrl,
    accessToken: session.accessToken,
    events: appEvents,
    userAgent: `Palisade/${appInfo.version} (${appInfo.platform}; ${appInfo.host})`,
    logger: logger.child('chat'),
  });
  const security = createAccountSecurity({ api: createSecurityApi(api), session, logger: logger.child('security') });

  const handlers = createHandlers({
    session,
    security,
    subscriptions,
    billing,
    thisComputer,
    devices,
    fingerprint,
    events,
    logger: logger.child('operations'),
    settings,
    downloads,
    support: createSupportHandlers({ api, systemLanguages: options.systemLanguages ?? (() => []) }),
    help: createHelpHandlers(api),
    chat: createChatHandlers(chat),
    tickets: tickets.handlers,
    updates: createUpdatesHandlers(
      options.updateStatus ??
        (() => checkFeed({ apiBaseUrl: options.apiBaseUrl, platform: appInfo.platform, currentVersion: appInfo.version })),
    ),
    appInfo,
    networkState: () => api.networkState(),
    openExternal: (url) => openExternal(vetExternalUrl(url)),
    windowFocused: () => appEvents.emit('window.focused', {}),
  });
  const dispatcher = createDispatcher(handlers, { logger: logger.child('ipc') });

  return {
    api,
    session,
    subscriptions,
    billing,
    downloads,
    thisComputer,
    devices,
    fingerprint,
    settings,
    i18n,
    accountEvents,
    tickets,
    appEvents,
    events,
    dispatcher,
    start: () => {
      // The fingerprint is recomputed in the background; the stored lease answers meanwhile.
      fingerprint.start();
      thisComputer.start();
      void session.start();
      void session.state().then((state) => thisComputer.setUser(state.user?.id ?? null));
    },
    stop: () => {
      chat.stop();
      downloads.stop();
      accountEvents.stop();
      tickets.stop();
      thisComputer.stop();
      i18n.stop();
      api.close();
    },
  };
}
