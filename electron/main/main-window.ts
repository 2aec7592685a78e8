import { BrowserWindow, nativeTheme } from 'electron';
import type { createWindowState } from './window-state';

export interface MainWindowOptions {
  preload: string;
  /** app://palisade/index.html, or the dev server. */
  url: string;
  windowState: ReturnType<typeof createWindowState>;
  devTools: boolean;
  /** In the language the main process speaks. */
  title: string;
}

/** The one app window, with every renderer protection on (docs/architecture.md, "Security model"). */
export function createMainWindow({ preload, url, windowState, devTools, title }: MainWindowOptions): BrowserWindow {
  const { bounds, maximized } = windowState.initial();
  const window = new BrowserWindow({
    ...bounds,
    minWidth: 720,
    minHeight: 520,
    show: false,
    title,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#15171c' : '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      // A middle click must not open a link in a new window behind the navigation rules.
      disableBlinkFeatures: 'Auxclick',
      devTools,
    },
  });
  windowState.track(window);
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  void window.loadURL(url);
  return window;
}
