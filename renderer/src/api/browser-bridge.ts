import { backoffDelay } from '../../../shared/backoff';
import {
  BRIDGE_CLOSE_UNAUTHORISED,
  BRIDGE_PATH,
  LAUNCH_FRAGMENT_PREFIX,
  bridgeServerMessageSchema,
} from '../../../shared/contract/bridge-protocol';
import { buildApi, type Transport } from '../../../shared/contract/client';
import { events } from '../../../shared/contract/index';
import type { EventName, PalisadeApi } from '../../../shared/contract/types';
import type { AppError, Result } from '../../../shared/errors';

/**
 * The renderer's side of the browser host: `window.palisade` over a WebSocket to the host
 * that served the page. Browser code (the integration tests run it in Node with the `ws`
 * socket); the renderer does `window.palisade ?? connectBrowserHost().api`.
 *
 * Each connection starts with a `hello`: the launch secret from the page's fragment
 * (`#launch=…`, taken and removed from the address bar at once), exchanged once for a tab
 * secret kept in sessionStorage, or that tab secret on every later connection and reload.
 *
 * `status()`: `connecting` while a connection is being made; `open` when calls go through;
 * `unauthorised` when this tab has no secret the host accepts (no launch link, or a spent or
 * expired one: the renderer says how to get a fresh link, and opening one in this tab
 * connects it); `closed` when the host cannot be reached (it retries with backoff).
 */
export type BridgeStatus = 'connecting' | 'open' | 'unauthorised' | 'closed';

/** The part of the DOM `WebSocket` the bridge uses (the `ws` package's socket has it too). */
export interface BridgeSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: never) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: never) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

/** Where a tab keeps its tab secret: sessionStorage in a browser (per tab, per origin, survives reloads). */
export interface TabSecretStore {
  get(): string | null;
  set(secret: string): void;
  clear(): void;
}

export interface BrowserHostOptions {
  /** ws:// URL of the bridge; by default the page's own host. */
  url?: string;
  createSocket?: (url: string) => BridgeSocket;
  /** The launch secret this page was opened with, taken once; by default from the fragment. */
  takeLaunchSecret?: () => string | null;
  /** Calls back when a fresh launch link is opened in this page; by default on `hashchange`. */
  watchLaunchLinks?: (onLink: () => void) => () => void;
  tabSecrets?: TabSecretStore;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
}

export interface BrowserHostConnection {
  api: PalisadeApi;
  status(): BridgeStatus;
  onStatus(listener: (status: BridgeStatus) => void): () => void;
  /** Closes the socket for good (tests, page unload). */
  close(): void;
}

type BrowserGlobals = {
  location?: { protocol: string; host: string; hash: string; pathname: string; search: string };
  history?: { state: unknown; replaceState(state: unknown, unused: string, url: string): void };
  sessionStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void };
  WebSocket?: new (url: string) => BridgeSocket;
  addEventListener?: (type: string, listener: () => void) => void;
  removeEventListener?: (type: string, listener: () => void) => void;
  dispatchEvent?: (event: unknown) => boolean;
  PopStateEvent?: new (type: string, init?: { state: unknown }) => unknown;
};
const browser = globalThis as unknown as BrowserGlobals;

const offline: AppError = { code: 'NETWORK_OFFLINE', message: 'Palisade lost its connection to the app host. Check that it is still running.' };
const unauthorised: AppError = {
  code: 'IPC_FORBIDDEN',
  message: 'This tab is not connected to Palisade. Press Enter in the terminal where Palisade is running for a fresh link.',
};

const TAB_SECRET_KEY = 'palisade.bridge.tab';

const eventNames = new Set<string>(Object.keys(events));

function defaultUrl(): string {
  const location = browser.location;
  if (!location) throw new Error('connectBrowserHost needs a page location or an explicit url.');
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${BRIDGE_PATH}`;
}

/**
 * Takes the launch secret out of the address bar (so it is in no bookmark, history entry
 * or screenshot, and a reload does not try it again), leaving the app's own route.
 */
function takeSecretFromFragment(): string | null {
  const { location, history } = browser;
  if (!location?.hash.startsWith(LAUNCH_FRAGMENT_PREFIX)) return null;
  const secret = location.hash.slice(LAUNCH_FRAGMENT_PREFIX.length);
  history?.replaceState(history.state, '', `${location.pathname}${location.search}#/`);
  // The hash router read the fragment as a route already; have it read the address again.
  if (browser.PopStateEvent) browser.dispatchEvent?.(new browser.PopStateEvent('popstate', { state: history?.state }));
  return secret || null;
}

function watchHashChanges(onLink: () => void): () => void {
  browser.addEventListener?.('hashchange', onLink);
  return () => browser.removeEventListener?.('hashchange', onLink);
}

function sessionStorageSecrets(): TabSecretStore {
  // Storage may be refused (privacy settings): the tab then reconnects only with a fresh link.
  const attempt = <T>(action: () => T, fallback: T): T => {
    try {
      return action();
    } catch {
      return fallback;
    }
  };
  return {
    get: () => attempt(() => browser.sessionStorage?.getItem(TAB_SECRET_KEY) ?? null, null),
    set: (secret) => attempt(() => browser.sessionStorage?.setItem(TAB_SECRET_KEY, secret), undefined),
    clear: () => attempt(() => browser.sessionStorage?.removeItem(TAB_SECRET_KEY), undefined),
  };
}

function memorySecrets(): TabSecretStore {
  let secret: string | null = null;
  return { get: () => secret, set: (s) => void (secret = s), clear: () => void (secret = null) };
}

function createConnection(options: BrowserHostOptions): BrowserHostConnection {
  const url = options.url ?? defaultUrl();
  const createSocket =
    options.createSocket ??
    ((u: string) => {
      if (!browser.WebSocket) throw new Error('This browser has no WebSocket.');
      return new browser.WebSocket(u);
    });
  const takeLaunchSecret = options.takeLaunchSecret ?? takeSecretFromFragment;
  const watchLaunchLinks = options.watchLaunchLinks ?? watchHashChanges;
  const tabSecrets = options.tabSecrets ?? (browser.sessionStorage ? sessionStorageSecrets() : memorySecrets());
  const { backoffBaseMs = 250, backoffMaxMs = 10_000 } = options;
  /** A launch secret not yet exchanged: tried before the tab secret, once. */
  let launchSecret = takeLaunchSecret();

  let status: BridgeStatus = 'connecting';
  let socket: BridgeSocket | null = null;
  let open = false;
  let shutDown = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let nextId = 1;
  /** Calls waiting for their result, sent or not. */
  const pending = new Map<number, (result: Result<unknown>) => void>();
  /** Calls made before the socket opened, sent in order once it does. */
  const queue: string[] = [];
  const statusListeners = new Set<(status: BridgeStatus) => void>();
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();

  function setStatus(next: BridgeStatus) {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  }

  function settleAll(error: AppError) {
    queue.length = 0;
    const waiting = [...pending.values()];
    pending.clear();
    for (const resolve of waiting) resolve({ ok: false, error });
  }

  function schedule(ms: number, action: () => void) {
    if (retry !== undefined) clearTimeout(retry);
    retry = setTimeout(() => {
      retry = undefined;
      action();
    }, ms);
  }

  function receive(ws: BridgeSocket, data: unknown) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return;
    }
    const message = bridgeServerMessageSchema.safeParse(parsed);
    if (!message.success) return;
    if (message.data.type === 'welcome') {
      // The launch secret is spent now: from here on the tab secret reconnects, and survives a reload.
      launchSecret = null;
      tabSecrets.set(message.data.tab);
      welcomed(ws);
    } else if (message.data.type === 'result') {
      const resolve = pending.get(message.data.id);
      pending.delete(message.data.id);
      resolve?.(message.data.result);
    } else if (eventNames.has(message.data.event)) {
      for (const listener of eventListeners.get(message.data.event) ?? []) listener(message.data.payload);
    }
  }

  /** Nothing left to present: only a fresh launch link, opened in this tab, connects it again. */
  function becomeUnauthorised() {
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
    setStatus('unauthorised');
    settleAll(unauthorised);
  }

  function afterDisconnect() {
    if (shutDown) return;
    setStatus('closed');
    schedule(backoffDelay(attempt++, { baseMs: backoffBaseMs, maxMs: backoffMaxMs }), connect);
  }

  function welcomed(ws: BridgeSocket) {
    if (socket !== ws) return;
    open = true;
    attempt = 0;
    setStatus('open');
    for (const message of queue.splice(0)) ws.send(message);
  }

  function connect() {
    if (shutDown || socket) return;
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
    const tab = tabSecrets.get();
    const hello = launchSecret ? { type: 'hello', launch: launchSecret } : tab ? { type: 'hello', tab } : null;
    if (!hello) return becomeUnauthorised();
    setStatus('connecting');
    let ws: BridgeSocket;
    try {
      ws = createSocket(url);
    } catch {
      settleAll(offline);
      afterDisconnect();
      return;
    }
    socket = ws;
    // Calls wait for the `welcome`, not just the open socket.
    ws.onopen = () => ws.send(JSON.stringify(hello));
    ws.onmessage = (event) => receive(ws, event.data);
    ws.onerror = () => {
      /* a close event follows */
    };
    ws.onclose = (event) => {
      if (socket !== ws) return;
      socket = null;
      open = false;
      if (!shutDown && event.code === BRIDGE_CLOSE_UNAUTHORISED) {
        // That secret is no good (spent, expired, or from an earlier run of the host): drop it
        // and try what is left. Nothing was sent before the `welcome`, so the calls stay queued.
        if ('launch' in hello) {
          if (launchSecret === hello.launch) launchSecret = null;
        } else tabSecrets.clear();
        return connect();
      }
      settleAll(offline);
      if (shutDown) return setStatus('closed');
      afterDisconnect();
    };
  }

  // A fresh link opened in this tab (the address bar, or the link clicked again).
  const stopWatching = watchLaunchLinks(() => {
    const secret = takeLaunchSecret();
    if (!secret || shutDown || status === 'open') return;
    launchSecret = secret;
    if (!socket) connect();
  });

  const transport: Transport = {
    invoke(channel, input) {
      if (shutDown) return Promise.resolve({ ok: false, error: offline });
      if (status === 'unauthorised') return Promise.resolve({ ok: false, error: unauthorised });
      const id = nextId++;
      const message = JSON.stringify({ type: 'invoke', id, channel, input });
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        if (open && socket) socket.send(message);
        else {
          queue.push(message);
          // Waiting out a backoff: a call is a good reason to try again now.
          if (!socket) connect();
        }
      });
    },
    subscribe(name: EventName, listener) {
      let set = eventListeners.get(name);
      if (!set) eventListeners.set(name, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    },
  };

  connect();

  return {
    api: buildApi(transport),
    status: () => status,
    onStatus(listener) {
      statusListeners.add(listener);
      return () => void statusListeners.delete(listener);
    },
    close() {
      shutDown = true;
      stopWatching();
      if (retry !== undefined) clearTimeout(retry);
      const ws = socket;
      socket = null;
      open = false;
      settleAll(offline);
      setStatus('closed');
      ws?.close(1000, 'closed by the page');
    },
  };
}

let shared: BrowserHostConnection | undefined;

/**
 * Connects to the browser host that served this page. Without options it returns one
 * shared connection per page, however often it is called.
 */
export function connectBrowserHost(options?: BrowserHostOptions): BrowserHostConnection {
  if (options) return createConnection(options);
  shared ??= createConnection({});
  return shared;
}
