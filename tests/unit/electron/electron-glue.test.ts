import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/errors';

/**
 * The Electron glue with the Electron module faked (the binary is not available here):
 * the IPC sender check, the navigation and window-open rules, the window controller, and
 * the preload's bridge.
 */
const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const handlers = new Map<string, Listener>();
  const appListeners = new Map<string, Listener[]>();
  const rendererListeners = new Map<string, Set<Listener>>();
  const exposed: Record<string, unknown> = {};
  const openedExternally: string[] = [];
  const invoked: { channel: string; input: unknown }[] = [];
  const quits = { count: 0 };
  return { handlers, appListeners, rendererListeners, exposed, openedExternally, invoked, quits };
});

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, listener: (...a: unknown[]) => unknown) => fake.handlers.set(channel, listener) },
  app: {
    on: (name: string, listener: (...a: unknown[]) => unknown) => fake.appListeners.set(name, [...(fake.appListeners.get(name) ?? []), listener]),
    quit: () => void fake.quits.count++,
  },
  shell: { openExternal: async (url: string) => void fake.openedExternally.push(url) },
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (fake.exposed[key] = api) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      fake.invoked.push({ channel, input });
      return { ok: true, value: null };
    },
    on: (name: string, listener: (...a: unknown[]) => unknown) => {
      if (!fake.rendererListeners.has(name)) fake.rendererListeners.set(name, new Set());
      fake.rendererListeners.get(name)!.add(listener);
    },
    removeListener: (name: string, listener: (...a: unknown[]) => unknown) => fake.rendererListeners.get(name)?.delete(listener),
  },
}));

const { registerIpcHandlers } = await import('../../../electron/main/ipc-bridge');
const { hardenWebContents } = await import('../../../electron/main/web-hardening');
const { silentLogger } = await import('../../../electron/services/log/logger');
const { channelNames } = await import('../../../shared/contract/client');
const { createWindowController } = await import('../../../electron/main/window-controller');
const { parseDeepLink } = await import('../../../shared/contract/links');

describe('ipcMain handlers check the sender frame', () => {
  const dispatched: string[] = [];
  beforeEach(() => {
    fake.handlers.clear();
    dispatched.length = 0;
    registerIpcHandlers({
      appOrigin: 'app://palisade',
      logger: silentLogger,
      dispatcher: { dispatch: async (channel) => (dispatched.push(channel), { ok: true, value: 'ran' }) },
    });
  });
  const call = (channel: string, senderFrame: unknown) => fake.handlers.get(channel)!({ senderFrame }, {}) as Promise<Result<unknown>>;

  it('registers every channel of the contract', () => {
    expect([...fake.handlers.keys()].sort()).toEqual(channelNames().sort());
  });

  it('runs a call from the app page', async () => {
    expect(await call('session.get', { url: 'app://palisade/index.html', parent: null })).toEqual({ ok: true, value: 'ran' });
    expect(dispatched).toEqual(['session.get']);
  });

  it.each([
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['a file URL', { url: 'file:///home/me/index.html', parent: null }],
    ['a subframe of the app', { url: 'app://palisade/frame.html', parent: {} }],
    ['a destroyed frame', null],
  ])('refuses a call from %s with IPC_FORBIDDEN', async (_what, frame) => {
    expect(await call('auth.signOut', frame)).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN' } });
    expect(dispatched).toEqual([]);
  });
});

describe('web contents cannot navigate or open windows', () => {
  function contents() {
    const listeners = new Map<string, (...a: unknown[]) => void>();
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const wc = {
      on: (name: string, l: (...a: unknown[]) => void) => listeners.set(name, l),
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    };
    hardenWebContents(silentLogger);
    for (const l of fake.appListeners.get('web-contents-created') ?? []) l({}, wc);
    return { listeners, open: (url: string) => openHandler!({ url }) };
  }

  it('blocks navigation, sending only vetted https links to the system browser', () => {
    fake.openedExternally.length = 0;
    const { listeners } = contents();
    for (const url of ['https://www.palisade.example/help', 'file:///etc/passwd', 'http://plain.example/']) {
      const event = { preventDefault: vi.fn() };
      listeners.get('will-navigate')!(event, url);
      expect(event.preventDefault).toHaveBeenCalled();
    }
    expect(fake.openedExternally).toEqual(['https://www.palisade.example/help']);
  });

  it('denies every new window', () => {
    fake.openedExternally.length = 0;
    const { open } = contents();
    expect(open('https://www.palisade.example/')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(fake.openedExternally).toEqual(['https://www.palisade.example/']);
  });

  it('refuses <webview>', () => {
    const { listeners } = contents();
    const event = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('the window controller', () => {
  /** A BrowserWindow as far as the controller uses it, recording what was done to it. */
  function fakeWindow() {
    const listeners = new Map<string, (...args: unknown[]) => void>();
    const done: string[] = [];
    const window = {
      minimized: false,
      done,
      isMinimized: () => window.minimized,
      restore: () => void done.push('restore'),
      show: () => void done.push('show'),
      focus: () => void done.push('focus'),
      hide: () => void done.push('hide'),
      on: (name: string, l: (...args: unknown[]) => void) => listeners.set(name, l),
      webContents: { on: (name: string, l: () => void) => listeners.set(`contents:${name}`, l) },
      fire: (name: string, ...args: unknown[]) => listeners.get(name)?.(...args),
    };
    return window;
  }
  const emitApp = (name: string, ...args: unknown[]) => {
    for (const l of fake.appListeners.get(name) ?? []) l(...args);
  };

  function start(platform: NodeJS.Platform, closeToTray?: () => { on: boolean; trayShown: boolean }) {
    fake.appListeners.clear();
    fake.quits.count = 0;
    const windows: ReturnType<typeof fakeWindow>[] = [];
    const links: unknown[] = [];
    const forwarding = { count: 0 };
    const controller = createWindowController({ platform });
    const ready = () =>
      controller.ready({
        createWindow: () => {
          const w = fakeWindow();
          windows.push(w);
          return w as never;
        },
        forwardEvents: () => {
          forwarding.count++;
          return () => void forwarding.count--;
        },
        deliverLink: (link) => void links.push(link),
        ...(closeToTray && { closeToTray }),
      });
    return { controller, ready, windows, links, forwarding };
  }

  it('a second launch brings the window forward, restoring it when minimised', () => {
    const { ready, windows } = start('linux');
    emitApp('second-instance', {}, ['palisade']);
    ready();
    windows[0]!.minimized = true;
    emitApp('second-instance', {}, ['palisade']);
    expect(windows[0]!.done).toEqual(['restore', 'show', 'focus']);
  });

  it('closing the last window quits, except on macOS, where the Dock icon opens a new one', () => {
    const linux = start('linux');
    linux.ready();
    emitApp('window-all-closed');
    expect(fake.quits.count).toBe(1);

    const mac = start('darwin');
    emitApp('activate');
    expect(mac.windows).toHaveLength(0); // not before the app is ready
    mac.ready();
    emitApp('activate');
    expect(mac.windows).toHaveLength(1); // one is open already
    mac.windows[0]!.fire('closed');
    expect(mac.forwarding.count).toBe(0);
    emitApp('window-all-closed');
    expect(fake.quits.count).toBe(0);
    emitApp('activate');
    expect(mac.windows).toHaveLength(2);
  });

  it('closing hides the window with close-to-tray on and a tray shown, and closes it otherwise or when quitting', () => {
    const tray = { on: true, trayShown: true };
    const { ready, windows } = start('linux', () => tray);
    ready();
    const close = () => {
      const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
      windows[0]!.fire('close', event);
      return event.prevented;
    };
    expect(close()).toBe(true);
    expect(windows[0]!.done).toEqual(['hide']);
    tray.trayShown = false; // no tray to come back from: closing closes
    expect(close()).toBe(false);
    tray.trayShown = true;
    tray.on = false; // the setting switched off
    expect(close()).toBe(false);
    tray.on = true;
    emitApp('before-quit');
    expect(close()).toBe(false);
    expect(windows[0]!.done).toEqual(['hide']);
  });

  it('keeps deep links until the page has loaded, and shows the window for them', () => {
    const { controller, ready, windows, links } = start('linux');
    const link = parseDeepLink(`palisade://confirm?token=${'t'.repeat(43)}`)!;
    expect(link).not.toBeNull();
    controller.deepLink(link);
    ready();
    expect(links).toEqual([]);
    windows[0]!.fire('contents:did-finish-load');
    expect(links).toEqual([link]);
    controller.deepLink(link);
    expect(links).toHaveLength(2);
    expect(windows[0]!.done).toEqual(['show', 'focus']);
  });
});

describe('the preload', () => {
  it('exposes window.palisade built from the contract, passing only payloads of contract events', async () => {
    await import('../../../electron/preload/index');
    const api = fake.exposed.palisade as {
      auth: { signIn(i: unknown): Promise<unknown> };
      on(name: string, l: (p: unknown) => void): () => void;
    };
    await api.auth.signIn({ email: 'a@b.test', password: 'x' });
    expect(fake.invoked).toEqual([{ channel: 'auth.signIn', input: { email: 'a@b.test', password: 'x' } }]);

    const seen: unknown[] = [];
    const off = api.on('session.changed', (p) => seen.push(p));
    api.on('ipc.secret' as 'session.changed', (p) => seen.push(p));
    expect(fake.rendererListeners.has('ipc.secret')).toBe(false);
    for (const l of fake.rendererListeners.get('session.changed') ?? []) l({ sender: 'the ipc event' }, { user: null, storage: 'secure' });
    expect(seen).toEqual([{ user: null, storage: 'secure' }]);
    off();
    expect(fake.rendererListeners.get('session.changed')?.size).toBe(0);
  });
});
