import { app, type BrowserWindow } from 'electron';
import type { DeepLink } from '../../shared/contract/links';
import {
  canDeliverLinks,
  opensOnActivate,
  quitsWhenLastWindowCloses,
  secondInstanceSteps,
  type ShowStep,
  stepsToShow,
} from '../services/window/window-rules';
import { closeHides } from '../services/tray/tray-state';

/** What the window shows once the app is ready: how to make one, and where events and links go. */
export interface WindowContent {
  createWindow(): BrowserWindow;
  /** Starts forwarding push events to the window; returns how to stop. */
  forwardEvents(window: BrowserWindow): () => void;
  deliverLink(link: DeepLink): void;
  /** The window came to the front (the services may check this computer again). */
  focused?(): void;
  /** Settings → Close to tray, and whether a tray icon is there to come back from. */
  closeToTray?(): { on: boolean; trayShown: boolean };
}

export interface WindowController {
  /** The app is ready: opens the window and from now on follows the open, show and quit rules. */
  ready(content: WindowContent): void;
  /** A deep link arrived (first launch, second instance, macOS open-url): kept until the page can take it, and the window shown. */
  deepLink(link: DeepLink): void;
  show(): void;
}

/**
 * The app window's life: opening it, bringing it forward, and whether closing it quits,
 * by the rules in services/window/window-rules.ts. Registers its `app` listeners at once,
 * before the app is ready, so a second launch is never missed.
 */
export function createWindowController({
  platform = process.platform,
}: { platform?: NodeJS.Platform } = {}): WindowController {
  let window: BrowserWindow | null = null;
  let content: WindowContent | null = null;
  let rendererLoaded = false;
  // Quitting (the tray's Quit, the OS logging out) closes the window for real.
  let quitting = false;
  const pendingLinks: DeepLink[] = [];

  const facts = () => ({ hasWindow: window !== null, minimized: window?.isMinimized() ?? false });

  function run(steps: ShowStep[]) {
    for (const step of steps) window?.[step]();
  }

  function deliverLinks() {
    if (!canDeliverLinks({ ready: content !== null, rendererLoaded })) return;
    for (const link of pendingLinks.splice(0)) content?.deliverLink(link);
  }

  function open(from: WindowContent) {
    rendererLoaded = false;
    const created = from.createWindow();
    const unsubscribe = from.forwardEvents(created);
    created.webContents.on('did-finish-load', () => {
      rendererLoaded = true;
      deliverLinks();
    });
    created.on('focus', () => from.focused?.());
    created.on('close', (event: { preventDefault(): void }) => {
      const tray = from.closeToTray?.() ?? { on: false, trayShown: false };
      if (!closeHides(tray.on, tray.trayShown, quitting)) return;
      event.preventDefault();
      created.hide();
    });
    created.on('closed', () => {
      unsubscribe();
      if (window === created) window = null;
    });
    window = created;
  }

  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('second-instance', () => run(secondInstanceSteps(facts())));
  app.on('activate', () => {
    if (content && opensOnActivate({ hasWindow: window !== null, ready: true })) open(content);
  });
  app.on('window-all-closed', () => {
    if (quitsWhenLastWindowCloses(platform)) app.quit();
  });

  return {
    ready(next) {
      content = next;
      open(next);
    },
    deepLink(link) {
      pendingLinks.push(link);
      deliverLinks();
      run(stepsToShow(facts()));
    },
    show: () => run(stepsToShow(facts())),
  };
}
