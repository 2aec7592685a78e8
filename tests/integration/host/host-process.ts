import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { connectBrowserHost, type BrowserHostConnection } from '../../../renderer/src/api/browser-bridge';
import { type HostProcess, spawnHostCli } from '../../support/host-cli';
import { asBridgeSocket } from './host-fixture';

// The host CLI helpers moved to tests/support, where the end-to-end fixtures use them too.
export { canRunKeyring, keyringWrapper, spawnHostCli, type HostProcess } from '../../support/host-cli';

/** A browser that opened the launch link: the bridge, authorised. */
export async function openInBrowser(launchUrl: string): Promise<BrowserHostConnection> {
  const origin = new URL(launchUrl).origin;
  const response = await fetch(launchUrl, { redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return connectBrowserHost({
    url: `${origin.replace('http', 'ws')}/bridge`,
    createSocket: (url) => asBridgeSocket(new WebSocket(url, { headers: { origin, cookie } })),
    checkAuthorised: async () => null,
    backoffBaseMs: 50,
  });
}

/**
 * The real host CLI in its own process, with a throwaway HOME, data folder and one-file
 * renderer, and no key store; `apiUrl` need not answer (nothing here signs in).
 */
export async function startHostProcess(apiUrl = 'http://127.0.0.1:9'): Promise<HostProcess & { cleanUp(): Promise<void> }> {
  const home = await mkdtemp(join(tmpdir(), 'palisade-home-'));
  const rendererDir = await mkdtemp(join(tmpdir(), 'palisade-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Palisade</title><div id="root"></div>');
  const host = await spawnHostCli({
    args: ['--data-dir', join(home, 'host'), '--renderer-dir', rendererDir],
    env: { PATH: process.env.PATH, HOME: home, PALISADE_API_URL: apiUrl, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' },
    keyring: false,
  });
  return Object.assign(host, {
    async cleanUp() {
      await host.stop();
      await rm(home, { recursive: true, force: true });
      await rm(rendererDir, { recursive: true, force: true });
    },
  });
}

/** A raw bridge socket that a browser which opened the launch link would hold. */
export async function authorisedSocket(launchUrl: string): Promise<WebSocket> {
  const origin = new URL(launchUrl).origin;
  const response = await fetch(launchUrl, { redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/bridge`, { headers: { origin, cookie } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return socket;
}

/** Calls `app.info` over `socket` and resolves with its result. */
export function appInfo(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => {
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { type: string; id?: number; result?: unknown };
      if (message.type === 'result' && message.id === 1) resolve(message.result);
    });
    socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app.info', input: {} }));
  });
}

/** Whether the process is still there. */
export const isAlive = (host: HostProcess) => host.child.exitCode === null && host.child.signalCode === null;
