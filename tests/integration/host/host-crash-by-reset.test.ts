import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchSecretOf } from './host-fixture';
import { appInfo, authorisedSocket, isAlive, startHostProcess } from './host-process';

let host: Awaited<ReturnType<typeof startHostProcess>>;

beforeAll(async () => {
  host = await startHostProcess();
});
afterAll(async () => {
  await host?.cleanUp();
});

/** Sends a WebSocket upgrade request and resets the connection (RST, not FIN) at once. */
function upgradeAndReset(port: number, path: string, hostHeader: string): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${Buffer.alloc(16, 7).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
          `Origin: http://127.0.0.1:${port}\r\n\r\n`,
        () => {
          socket.resetAndDestroy();
          resolve();
        },
      );
    });
    socket.on('error', () => resolve());
  });
}

describe('upgrade requests reset by the peer', () => {
  it('do not end the host, which goes on serving the app and the bridge', async () => {
    const { port } = host;
    const attempts = [];
    for (let i = 0; i < 12; i++) {
      // Refused ones (no secret, wrong Host, wrong path) and ones the bridge would take.
      attempts.push(upgradeAndReset(port, '/bridge', `127.0.0.1:${port}`));
      attempts.push(upgradeAndReset(port, '/bridge', `attacker.example:${port}`));
      attempts.push(upgradeAndReset(port, '/elsewhere', `127.0.0.1:${port}`));
    }
    await Promise.all(attempts);
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(isAlive(host), host.stderr()).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    const { socket } = await authorisedSocket(`http://127.0.0.1:${port}`, { launch: launchSecretOf(host.launchUrl) });
    expect(await appInfo(socket)).toMatchObject({ ok: true, value: { host: 'browser' } });
    socket.close();
  });
});
