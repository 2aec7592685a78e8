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

describe('a bridge message over 1 MiB', () => {
  it('closes that connection with 1009 and leaves the host running for the next one', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    const { socket, tab } = await authorisedSocket(origin, { launch: launchSecretOf(host.launchUrl) });
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.on('error', () => {}); // the client sees the reset too; only the close code matters here
    socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app.info', input: { padding: 'x'.repeat(1024 * 1024 + 1) } }));
    expect(await closed).toBe(1009);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(isAlive(host), host.stderr()).toBe(true);
    // The tab reconnects as after any drop, with its tab secret.
    const { socket: next } = await authorisedSocket(origin, { tab });
    expect(await appInfo(next)).toMatchObject({ ok: true, value: { host: 'browser' } });
    next.close();
  });
});
