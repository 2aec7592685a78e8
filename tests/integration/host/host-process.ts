import WebSocket from 'ws';
import { connectBrowserHost, type BrowserHostConnection } from '../../../renderer/src/api/browser-bridge';
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
