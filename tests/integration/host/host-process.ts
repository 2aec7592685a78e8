import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type WebSocket from 'ws';
import type { BrowserHostConnection } from '../../../renderer/src/api/browser-bridge';
import { type HostProcess, spawnHostCli } from '../../support/host-cli';
import { launchSecretOf, openTab, sayHello } from './host-fixture';

// The host CLI helpers moved to tests/support, where the end-to-end fixtures use them too.
export { canRunKeyring, keyringWrapper, spawnHostCli, type HostProcess } from '../../support/host-cli';

/** A browser tab that opened the launch link: the bridge, authorised. */
export function openInBrowser(launchUrl: string): BrowserHostConnection {
  return openTab(new URL(launchUrl).origin, { launchSecret: launchSecretOf(launchUrl) });
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

/**
 * A raw bridge socket as a tab holds it: `{ launch }` exchanges a launch secret (the tab's
 * first connection), `{ tab }` presents the tab secret (a reconnection).
 */
export async function authorisedSocket(origin: string, secret: { launch: string } | { tab: string }): Promise<{ socket: WebSocket; tab: string }> {
  const outcome = await sayHello(origin, secret);
  if ('closed' in outcome) throw new Error(`the bridge refused the tab (${outcome.closed})`);
  return outcome;
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
