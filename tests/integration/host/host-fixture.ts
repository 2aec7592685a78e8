import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { type AppServices, createAppServices } from '../../../electron/services/app-services';
import { silentLogger } from '../../../electron/services/log/logger';
import { createMemoryVault } from '../../../electron/services/vault/memory-vault';
import { type BrowserHost, startBrowserHost } from '../../../electron/host/host-server';
import { type BridgeSocket, type BrowserHostConnection, type BrowserHostOptions, connectBrowserHost } from '../../../renderer/src/api/browser-bridge';
import { LAUNCH_FRAGMENT_PREFIX, type BridgeHello } from '../../../shared/contract/bridge-protocol';

export interface HostUnderTest {
  host: BrowserHost;
  services: AppServices;
  rendererDir: string;
  /** The launch secret of a fresh launch link, as the page it opens would read it from the fragment. */
  launchSecret(): string;
  stop(): Promise<void>;
}

/** The secret in a launch link's fragment, which no browser sends to a server. */
export function launchSecretOf(launchUrl: string): string {
  const { hash } = new URL(launchUrl);
  if (!hash.startsWith(LAUNCH_FRAGMENT_PREFIX)) throw new Error(`not a launch link: ${launchUrl}`);
  return hash.slice(LAUNCH_FRAGMENT_PREFIX.length);
}

/** A real browser host with the real services, pointed at `apiBaseUrl`, serving a one-file renderer. */
export async function startHostUnderTest(apiBaseUrl: string, options: { launchLifetimeMs?: number } = {}): Promise<HostUnderTest> {
  const rendererDir = await mkdtemp(join(tmpdir(), 'palisade-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Palisade</title><div id="root"></div>');
  const services = createAppServices({
    apiBaseUrl,
    vault: createMemoryVault(),
    logger: silentLogger,
    appInfo: { version: '0.0.0-test', platform: 'linux', host: 'browser' },
    openExternal: async () => {},
    retryBaseDelayMs: 10,
  });
  services.start();
  const host = await startBrowserHost({ dispatcher: services.dispatcher, events: services.events, rendererDir, logger: silentLogger, ...options });
  return {
    host,
    services,
    rendererDir,
    launchSecret: () => launchSecretOf(host.newLaunchUrl()),
    async stop() {
      await host.close();
      services.stop();
      await rm(rendererDir, { recursive: true, force: true });
    },
  };
}

/** Opens a WebSocket to the bridge; resolves with the open socket or the HTTP status that refused it. */
export function connectRaw(url: string, headers: Record<string, string>): Promise<{ socket: WebSocket } | { status: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      res.resume();
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

/** The `ws` socket seen through the browser-side interface the bridge client uses. */
export const asBridgeSocket = (socket: WebSocket): BridgeSocket => socket as unknown as BridgeSocket;

/** What the host answered a `hello`: the tab secret, or the close code it shut the door with. */
export type HelloOutcome = { socket: WebSocket; tab: string } | { closed: number };

/** Opens a bridge socket as the page at `origin` would and says `hello` with `secret`. */
export async function sayHello(origin: string, secret: Omit<BridgeHello, 'type'>, headers: Record<string, string> = {}): Promise<HelloOutcome> {
  const result = await connectRaw(`${origin.replace('http', 'ws')}/bridge`, { origin, ...headers });
  if (!('socket' in result)) return { closed: result.status };
  const { socket } = result;
  return new Promise((resolve) => {
    socket.once('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; tab?: string };
      if (message.type === 'welcome' && message.tab) resolve({ socket, tab: message.tab });
    });
    socket.once('close', (code) => resolve({ closed: code }));
    socket.send(JSON.stringify({ type: 'hello', ...secret }));
  });
}

/**
 * A browser tab on the host at `origin`: the real bridge client with the launch secret it
 * was opened with (if any) and its own sessionStorage.
 */
export function openTab(
  origin: string,
  { launchSecret = null, headers = {}, ...options }: { launchSecret?: string | null; headers?: Record<string, string> } & BrowserHostOptions = {},
): BrowserHostConnection {
  let secret = launchSecret;
  let tab: string | null = null;
  return connectBrowserHost({
    url: `${origin.replace('http', 'ws')}/bridge`,
    createSocket: (url) => asBridgeSocket(new WebSocket(url, { headers: { origin, ...headers } })),
    takeLaunchSecret: () => {
      const taken = secret;
      secret = null;
      return taken;
    },
    watchLaunchLinks: () => () => {},
    tabSecrets: { get: () => tab, set: (s) => void (tab = s), clear: () => void (tab = null) },
    backoffBaseMs: 50,
    ...options,
  });
}
