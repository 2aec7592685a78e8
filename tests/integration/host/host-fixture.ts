import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { type AppServices, createAppServices } from '../../../electron/services/app-services';
import { silentLogger } from '../../../electron/services/log/logger';
import { createMemoryVault } from '../../../electron/services/vault/memory-vault';
import { type BrowserHost, startBrowserHost } from '../../../electron/host/host-server';
import type { BridgeSocket } from '../../../renderer/src/api/browser-bridge';

export interface HostUnderTest {
  host: BrowserHost;
  services: AppServices;
  rendererDir: string;
  /** The launch cookie, as a browser that opened the launch link would send it. */
  cookie(): Promise<string>;
  stop(): Promise<void>;
}

/** A real browser host with the real services, pointed at `apiBaseUrl`, serving a one-file renderer. */
export async function startHostUnderTest(apiBaseUrl: string): Promise<HostUnderTest> {
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
  const host = await startBrowserHost({ dispatcher: services.dispatcher, events: services.events, rendererDir, logger: silentLogger });
  return {
    host,
    services,
    rendererDir,
    async cookie() {
      const response = await fetch(host.launchUrl, { redirect: 'manual' });
      const setCookie = response.headers.get('set-cookie') ?? '';
      return setCookie.split(';')[0] ?? '';
    },
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
