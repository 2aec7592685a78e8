import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, session, shell } from 'electron';
import type { DeepLink } from '../../shared/contract/links';
import { type AppServices, createAppServices, DEFAULT_API_URL } from '../services/app-services';
import { createLogger, logLevelFromEnv } from '../services/log/logger';
import { deviceName, PRODUCT_NAME, supportedPlatform } from '../services/platform/app-identity';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { listenForDeepLinks } from './deep-links';
import { forwardEvents, registerIpcHandlers } from './ipc-bridge';
import { createMainWindow } from './main-window';
import { openSafeStorageVault } from './safe-storage-vault';
import { openThisComputerStore } from './this-computer-store';
import { hardenSession, hardenWebContents } from './web-hardening';
import { createWindowState } from './window-state';

/**
 * The Electron main process: glue only. Everything that decides anything lives in
 * electron/services, shared with the browser host.
 */
const logger = createLogger({ scope: 'main', level: logLevelFromEnv(process.env.PALISADE_LOG_LEVEL) });
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appOrigin = devUrl ? new URL(devUrl).origin : APP_ORIGIN;
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
const preload = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

// userData is named for the product, like the account service's data folder beside it.
app.setName(PRODUCT_NAME);
registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another Palisade is running; it receives our arguments (a deep link, say) and shows itself.
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let services: AppServices | null = null;
  let rendererReady = false;
  const pendingLinks: DeepLink[] = [];

  const deliverLinks = () => {
    if (!services || !rendererReady) return;
    for (const link of pendingLinks.splice(0)) services.events.emit('app.deepLink', link);
  };
  const showWindow = () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  listenForDeepLinks((link) => {
    pendingLinks.push(link);
    deliverLinks();
    showWindow();
  });
  app.on('second-instance', showWindow);
  hardenWebContents(logger);

  const openWindow = (s: AppServices) => {
    rendererReady = false;
    const created = createMainWindow({ preload, url: devUrl ?? `${APP_ORIGIN}/index.html`, windowState: createWindowState(), devTools: !app.isPackaged });
    const unsubscribe = forwardEvents(s.events, created, appOrigin);
    created.webContents.on('did-finish-load', () => {
      rendererReady = true;
      deliverLinks();
    });
    created.on('closed', () => {
      unsubscribe();
      if (window === created) window = null;
    });
    window = created;
  };

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, { devOrigin: devUrl ? appOrigin : undefined, logger: logger.child('web') });
    serveRenderer(rendererDir);

    const vault = openSafeStorageVault({ logger: logger.child('vault'), onKindChange: () => services?.session.announce() });
    services = createAppServices({
      apiBaseUrl: process.env.PALISADE_API_URL ?? DEFAULT_API_URL,
      vault,
      logger,
      store: openThisComputerStore(),
      deviceName: deviceName('electron'),
      appInfo: { version: app.getVersion(), platform: supportedPlatform(), host: 'electron' },
      openExternal: (url) => shell.openExternal(url),
    });
    services.start();
    registerIpcHandlers({ dispatcher: services.dispatcher, appOrigin, logger: logger.child('ipc') });
    openWindow(services);

    app.on('activate', () => {
      if (!window && services) openWindow(services);
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => services?.stop());
}
