import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import {
  BRIDGE_CLOSE_SHUTDOWN,
  BRIDGE_CLOSE_UNAUTHORISED,
  BRIDGE_PATH,
  LAUNCH_FRAGMENT_PREFIX,
  bridgeClientMessageSchema,
  bridgeHelloSchema,
  type BridgeServerMessage,
} from '../../shared/contract/bridge-protocol';
import type { Dispatcher } from '../services/ipc/dispatcher';
import type { EventHub } from '../services/ipc/event-hub';
import { type Logger, describeError } from '../services/log/logger';
import { contentSecurityPolicy, hardeningHeaders } from '../services/security/content-security-policy';
import { createLaunchAuth } from './launch-auth';
import { resolveRendererFile } from '../services/static/renderer-files';
import { sendFile } from './static-files';

export interface BrowserHostOptions {
  dispatcher: Dispatcher;
  events: EventHub;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  logger: Logger;
  /** How long an unused launch link works (tests); two minutes otherwise. */
  launchLifetimeMs?: number;
}

export interface BrowserHost {
  port: number;
  origin: string;
  /** `http://127.0.0.1:<port>/#launch=<secret>`: the first link to print and open. */
  launchUrl: string;
  /** A fresh launch link, for a tab whose link was spent or expired; the unused one before it stops working. */
  newLaunchUrl(): string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;
/** A connection that has not said `hello` by then is closed. */
const HELLO_TIMEOUT_MS = 10_000;

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string) {
  const text = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length}\r\n\r\n${reason}`);
}

/**
 * The browser host: serves the built renderer on 127.0.0.1 and carries the IPC contract
 * over an authenticated WebSocket, so the app runs in any browser with the same services
 * and handlers as the Electron main process.
 */
/** What a peer's reset or abort leaves behind: nothing to do, the socket is destroyed already. */
function peerGone() {}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { dispatcher, events, rendererDir, logger } = options;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const auth = createLaunchAuth(port, options.launchLifetimeMs !== undefined ? { launchLifetimeMs: options.launchLifetimeMs } : {});
  const newLaunchUrl = () => `${origin}/${LAUNCH_FRAGMENT_PREFIX}${auth.issueLaunchSecret()}`;

  const headersFor = (host: string) => ({
    ...hardeningHeaders,
    'Content-Security-Policy': contentSecurityPolicy({ connect: [`ws://${host}`] }),
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const host = auth.allowedHost(req);
    // Another Host means a DNS-rebinding page or a proxy; neither gets anything.
    if (!host) return plain(res, 403, 'Forbidden');
    const headers = headersFor(host);
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method Not Allowed', { ...headers, Allow: 'GET, HEAD' });
    const pathname = new URL(req.url ?? '/', origin).pathname;

    // The files are no secret: the app loads for anyone, and without a secret it asks for a fresh link.
    const file = await resolveRendererFile(rendererDir, pathname);
    if (file) return sendFile(res, file, req.method === 'HEAD', headers);
    // Browsers ask for it unprompted; "none" is a better answer than a 404 in the console.
    if (pathname === '/favicon.ico') return void res.writeHead(204, headers).end();
    if (pathname === '/' || pathname === '/index.html') {
      return plain(res, 503, 'The Palisade app has not been built yet. Run `npm run build`, then start the host again.', headers);
    }
    return plain(res, 404, 'Not Found', headers);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    // A peer that resets mid-request must cost it its request, never the process.
    req.on('error', peerGone);
    res.on('error', peerGone);
    handle(req, res).catch((error: unknown) => {
      logger.error('request failed', { error: describeError(error) });
      if (!res.headersSent) plain(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('error', (error) => logger.warn('bridge server error', { error: describeError(error) }));

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Once upgraded, the socket is ours alone: without a listener, a reset kills the process.
    socket.on('error', peerGone);
    const pathname = new URL(req.url ?? '/', origin).pathname;
    if (pathname !== BRIDGE_PATH) return refuseUpgrade(socket, 404, 'not found');
    const refusal = auth.refuseUpgrade(req);
    // Host and Origin only: the secrets come in the first message, never in a header.
    if (refusal) {
      logger.warn('refused a bridge connection', { reason: refusal.reason });
      return refuseUpgrade(socket, refusal.status, refusal.reason);
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const send = (ws: WebSocket, message: BridgeServerMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  };

  /** Connections whose `hello` was accepted: the only ones that get results and events. */
  const admitted = new Set<WebSocket>();

  const refuse = (ws: WebSocket, reason: string) => {
    logger.warn('refused a bridge connection', { reason });
    ws.close(BRIDGE_CLOSE_UNAUTHORISED, reason);
  };

  /** The first message: a launch secret to exchange or this tab's secret, or the door. */
  const greet = (ws: WebSocket, parsed: unknown) => {
    const hello = bridgeHelloSchema.safeParse(parsed);
    if (!hello.success) return refuse(ws, 'no launch or tab secret');
    const outcome = auth.admit(hello.data);
    if ('refused' in outcome) return refuse(ws, outcome.refused);
    admitted.add(ws);
    send(ws, { type: 'welcome', tab: outcome.tab });
  };

  wss.on('connection', (ws: WebSocket) => {
    // An oversized or malformed frame: ws closes the connection (1009, 1002…) and tells us here.
    ws.on('error', (error) => logger.warn('closed a bridge connection', { error: describeError(error) }));
    const helloTimer = setTimeout(() => refuse(ws, 'no hello in time'), HELLO_TIMEOUT_MS);
    helloTimer.unref();
    let alive = true;
    ws.on('pong', () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 30_000);
    heartbeat.unref();
    ws.on('close', () => {
      clearInterval(heartbeat);
      clearTimeout(helloTimer);
      admitted.delete(ws);
    });

    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text only');
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        return ws.close(1007, 'not JSON');
      }
      if (!admitted.has(ws)) {
        clearTimeout(helloTimer);
        return greet(ws, parsed);
      }
      const message = bridgeClientMessageSchema.safeParse(parsed);
      if (!message.success) return ws.close(1008, 'not a bridge message');
      const { id, channel, input } = message.data;
      void dispatcher.dispatch(channel, input).then((result) => send(ws, { type: 'result', id, result }));
    });
  });

  const unsubscribe = events.subscribe((event, payload) => {
    for (const ws of admitted) send(ws, { type: 'event', event, payload });
  });

  logger.info('browser host listening', { origin });

  return {
    port,
    origin,
    launchUrl: newLaunchUrl(),
    newLaunchUrl,
    async close() {
      unsubscribe();
      // Say goodbye properly, but do not wait long for a tab that does not answer.
      const clients = [...wss.clients];
      const closed = Promise.all(clients.map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve()))));
      for (const ws of clients) ws.close(BRIDGE_CLOSE_SHUTDOWN, 'host shutting down');
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
