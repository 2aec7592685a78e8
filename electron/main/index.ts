import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, session, shell } from 'electron';
import { resolveLocale } from '../../shared/i18n/languages';
import { createAppServices, DEFAULT_API_URL } from '../services/app-services';
import { openLogFile } from '../services/log/log-file';
import { createLogger, logLevelFromEnv, stderrAndFile } from '../services/log/logger';
import { PRODUCT_NAME, supportedPlatform, userDataDir } from '../services/platform/app-identity';
import { formatDesktopMessage } from '../services/i18n/desktop-i18n';
import { environmentLanguages } from '../services/i18n/system-languages';
import { serviceUrlProblem } from '../services/security/service-url';
import { showingTicket } from '../services/notifications/notification-policy';
import { notificationSwitches } from '../services/settings/desktop-settings';
import { readSettings } from '../services/settings/settings-service';
import { statusOf } from '../services/updates/update-policy';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './app-protocol';
import { startAutoUpdate } from './auto-update';
import { listenForDeepLinks } from './deep-links';
import { followDesktopSettings } from './desktop-settings';
import { forwardEvents, registerIpcHandlers } from './ipc-bridge';
import { applyStartAtLogin } from './login-item';
import { createMainWindow } from './main-window';
import { raiseNotifications } from './notifications';
import { openSafeStorageVault } from './safe-storage-vault';
import { openSettingsStore } from './settings-store';
import { openThisComputerStore } from './this-computer-store';
import { showTray } from './tray';
import { hardenSession, hardenWebContents } from './web-hardening';
import { createWindowController } from './window-controller';
import { createWindowState } from './window-state';

/**
 * The Electron main process: glue only. Everything that decides anything lives in
 * electron/services, shared with the browser host; the window's rules in window-controller.ts.
 */
// userData is named for the product, like the account service's data folder beside it, and
// found by the one rule the browser host and the service use too (Electron's own accepts a
// relative XDG_CONFIG_HOME).
app.setName(PRODUCT_NAME);
app.setPath('userData', userDataDir());
const logFile = openLogFile({ dir: join(app.getPath('userData'), 'logs') });
const logger = createLogger({
  scope: 'main',
  level: logLevelFromEnv(process.env.PALISADE_LOG_LEVEL),
  write: stderrAndFile(logFile),
});
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const appOrigin = devUrl ? new URL(devUrl).origin : APP_ORIGIN;
const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
const preload = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

registerAppScheme();
app.enableSandbox();

// Passwords and tokens go only to an https service, or to plain http on this computer.
// Before the app is ready only the environment's languages are known; this is a message for
// whoever set the variable, on the terminal that started the app.
const apiBaseUrl = process.env.PALISADE_API_URL ?? DEFAULT_API_URL;
const apiUrlProblem = serviceUrlProblem(apiBaseUrl);
if (apiUrlProblem) {
  const locale = resolveLocale('system', environmentLanguages(process.env));
  process.stderr.write(`PALISADE_API_URL: ${formatDesktopMessage(locale, apiUrlProblem, { url: apiBaseUrl })}\n`);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  // Another Palisade is running; it receives our arguments (a deep link, say) and shows itself.
  app.quit();
} else {
  const windows = createWindowController();
  listenForDeepLinks((link) => windows.deepLink(link));
  hardenWebContents(logger);

  void app.whenReady().then(() => {
    hardenSession(session.defaultSession, { devOrigin: devUrl ? appOrigin : undefined, logger: logger.child('web') });
    serveRenderer(rendererDir);

    const vault = openSafeStorageVault({
      logger: logger.child('vault'),
      onKindChange: () => services.session.announce(),
    });
    // Settings are read from their file before the services start, so the updater starts in the chosen mode.
    const settingsStore = openSettingsStore();
    const updates = startAutoUpdate({
      mode: readSettings(settingsStore).updates,
      feedUrl: process.env.PALISADE_UPDATE_URL,
      logger: logger.child('updates'),
    });
    const services = createAppServices({
      ...(updates && { updateStatus: async () => statusOf(updates.state) }),
      apiBaseUrl,
      vault,
      logger,
      store: openThisComputerStore(),
      settingsStore,
      systemLanguages: () => app.getPreferredSystemLanguages(),
      logFile: logFile.path,
      appInfo: { version: app.getVersion(), platform: supportedPlatform(), host: 'electron' },
      openExternal: (url) => shell.openExternal(url),
      // Only invoices the main process itself saved reach these (the renderer names an invoice, never a path).
      fileShell: {
        openPath: async (path) => (await shell.openPath(path)) === '',
        showItemInFolder: async (path) => {
          shell.showItemInFolder(path);
          return true;
        },
      },
      downloadsDir: () => app.getPath('downloads'),
    });
    services.start();
    const stopFollowingSettings = followDesktopSettings({
      events: services.appEvents,
      settings: services.settings,
      updates,
      startAtLogin: applyStartAtLogin,
      logger: logger.child('settings'),
    });
    registerIpcHandlers({ dispatcher: services.dispatcher, appOrigin, logger: logger.child('ipc') });
    windows.ready({
      createWindow: () =>
        createMainWindow({
          preload,
          url: devUrl ?? `${APP_ORIGIN}/index.html`,
          windowState: createWindowState(),
          devTools: !app.isPackaged,
          title: services.i18n.t('desktop.window.title'),
        }),
      forwardEvents: (window) => forwardEvents(services.events, window, appOrigin),
      deliverLink: (link) => services.events.emit('app.deepLink', link),
      focused: () => services.appEvents.emit('window.focused', {}),
      closeToTray: () => ({ on: services.settings.get().closeToTray, trayShown: tray !== undefined }),
    });
    const locale = () => services.i18n.locale();
    const notifications = raiseNotifications({
      events: services.appEvents,
      ...(updates && { updates }),
      supportReplies: (listener) => services.tickets.onReply(listener),
      locale,
      switches: () => notificationSwitches(services.settings.get().notifications),
      // The renderer says which support ticket it shows (tickets.viewing); of other screens the main process knows nothing.
      window: () => ({ focused: BrowserWindow.getFocusedWindow() !== null, showing: showingTicket(services.tickets.viewing()) }),
      onClick: () => windows.show(),
    });
    const iconDir = app.isPackaged ? join(process.resourcesPath, 'tray') : fileURLToPath(new URL('../../build', import.meta.url));
    let tray: { destroy(): void } | undefined;
    void services.thisComputer.status().then((initial) => {
      tray = showTray({
        iconDir,
        events: services.appEvents,
        locale,
        initial,
        act: { open: () => windows.show(), checkNow: () => void services.thisComputer.check(), quit: () => app.quit() },
      });
    });
    app.on('before-quit', () => {
      stopFollowingSettings();
      updates?.stop();
      notifications.stop();
      tray?.destroy();
      services.stop();
      logFile.close();
    });
  });
}
