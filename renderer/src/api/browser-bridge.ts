import { backoffDelay } from '../../../shared/backoff';
import { BRIDGE_AUTH_PATH, BRIDGE_PATH, bridgeServerMessageSchema } from '../../../shared/contract/bridge-protocol';
import { buildApi, type Transport } from '../../../shared/contract/client';
import { events } from '../../../shared/contract/index';
import type { EventName, PalisadeApi } from '../../../shared/contract/types';
import type { AppError, Result } from '../../../shared/errors';

/**
 * The renderer's side of the browser host: `window.palisade` over a WebSocket to the host
 * that served the page. Browser code (the integration tests run it in Node with the `ws`
 * socket); the renderer does `window.palisade ?? connectBrowserHost().api`.
 *
 * `status()`: `connecting` while a connection is being made; `open` when calls go through;
 * `unauthorised` when this browser has not opened the launch link the host printed (the
 * renderer says "open the link printed in the terminal"); `closed` when the host cannot be
 * reached (it retries with backoff).
 */
export type BridgeStatus = 'connecting' | 'open' | 'unauthorised' | 'closed';

/** The part of the DOM `WebSocket` the bridge uses (the `ws` package's socket has it too). */
export interface BridgeSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface BrowserHostOptions {
  /** ws:// URL of the bridge; by default the page's own host. */
  url?: string;
  createSocket?: (url: string) => BridgeSocket;
  /** true: this browser is authorised; false: it is not; null: the host did not answer. */
  checkAuthorised?: () => Promise<boolean | null>;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How often to look again while unauthorised (the launch link may be opened in another tab). */
  unauthorisedPollMs?: number;
}

export interface BrowserHostConnection {
  api: PalisadeApi;
  status(): BridgeStatus;
  onStatus(listener: (status: BridgeStatus) => void): () => void;
  /** Closes the socket for good (tests, page unload). */
  close(): void;
}

type BrowserGlobals = {
  location?: { protocol: string; host: string };
  WebSocket?: new (url: string) => BridgeSocket;
  fetch?: (input: string, init?: Record<string, unknown>) => Promise<{ status: number }>;
};
const browser = globalThis as unknown as BrowserGlobals;

const offline: AppError = { code: 'NETWORK_OFFLINE', message: 'Palisade lost its connection to the app host. Check that it is still running.' };
const unauthorised: AppError = {
  code: 'IPC_FORBIDDEN',
  message: 'This browser is not connected to Palisade yet. Open the link printed in the terminal where Palisade is running.',
};

const eventNames = new Set<string>(Object.keys(events));

function defaultUrl(): string {
  const location = browser.location;
  if (!location) throw new Error('connectBrowserHost needs a page location or an explicit url.');
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${BRIDGE_PATH}`;
}

async function defaultCheckAuthorised(): Promise<boolean | null> {
  if (!browser.fetch) return null;
  try {
    const response = await browser.fetch(BRIDGE_AUTH_PATH, { credentials: 'same-origin', cache: 'no-store' });
    if (response.status === 204) return true;
    if (response.status === 401 || response.status === 403) return false;
    return null;
  } catch {
    return null;
  }
}

function createConnection(options: BrowserHostOptions): BrowserHostConnection {
  const url = options.url ?? defaultUrl();
  const createSocket =
    options.createSocket ??
    ((u: string) => {
      if (!browser.WebSocket) throw new Error('This browser has no WebSocket.');
      return new browser.WebSocket(u);
    });
  const checkAuthorised = options.checkAuthorised ?? defaultCheckAuthorised;
  const { backoffBaseMs = 250, backoffMaxMs = 10_000, unauthorisedPollMs = 3_000 } = options;

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

  function receive(data: unknown) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      return;
    }
    const message = bridgeServerMessageSchema.safeParse(parsed);
    if (!message.success) return;
    if (message.data.type === 'result') {
      const resolve = pending.get(message.data.id);
      pending.delete(message.data.id);
      resolve?.(message.data.result);
    } else if (eventNames.has(message.data.event)) {
      for (const listener of eventListeners.get(message.data.event) ?? []) listener(message.data.payload);
    }
  }

  async function afterDisconnect() {
    if (shutDown) return;
    const authorised = await checkAuthorised();
    if (shutDown || socket) return;
    if (authorised === false) {
      setStatus('unauthorised');
      settleAll(unauthorised);
      schedule(unauthorisedPollMs, () => void pollAuthorisation());
      return;
    }
    setStatus('closed');
    schedule(backoffDelay(attempt++, { baseMs: backoffBaseMs, maxMs: backoffMaxMs }), connect);
  }

  async function pollAuthorisation() {
    if (shutDown) return;
    if ((await checkAuthorised()) === true) connect();
    else if (!shutDown) schedule(unauthorisedPollMs, () => void pollAuthorisation());
  }

  function connect() {
    if (shutDown || socket) return;
    if (retry !== undefined) clearTimeout(retry);
    retry = undefined;
    setStatus('connecting');
    let ws: BridgeSocket;
    try {
      ws = createSocket(url);
    } catch {
      settleAll(offline);
      void afterDisconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      open = true;
      attempt = 0;
      setStatus('open');
      for (const message of queue.splice(0)) ws.send(message);
    };
    ws.onmessage = (event) => receive(event.data);
    ws.onerror = () => {
      /* a close event follows */
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      open = false;
      settleAll(offline);
      if (shutDown) setStatus('closed');
      else void afterDisconnect();
    };
  }

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
