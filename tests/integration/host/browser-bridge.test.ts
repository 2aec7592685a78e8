import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../../server/src/seed/demo-account';
import { type BridgeStatus, type BrowserHostConnection, connectBrowserHost } from '../../../renderer/src/api/browser-bridge';
import type { SessionState } from '../../../shared/contract/session';
import { spawnService, type SpawnedService } from '../../support/service';
import { asBridgeSocket, type HostUnderTest, startHostUnderTest } from './host-fixture';

let service: SpawnedService;
const open: BrowserHostConnection[] = [];
const hosts: HostUnderTest[] = [];

beforeAll(async () => {
  service = await spawnService({ args: ['--seed-demo'] });
});
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  for (const h of hosts.splice(0)) await h.stop();
});
afterAll(async () => {
  await service?.stop();
});

/** What a page served by `h` would do, with or without having opened the launch link. */
async function pageOf(h: HostUnderTest, { withCookie }: { withCookie: boolean }) {
  const origin = h.host.origin;
  const cookie = withCookie ? await h.cookie() : '';
  const headers = { origin, ...(cookie && { cookie }) };
  const connection = connectBrowserHost({
    url: `ws://127.0.0.1:${h.host.port}/bridge`,
    createSocket: (url) => asBridgeSocket(new WebSocket(url, { headers })),
    checkAuthorised: async () => {
      try {
        const status = (await fetch(`${origin}/bridge/auth`, { headers })).status;
        return status === 204 ? true : status === 401 ? false : null;
      } catch {
        return null;
      }
    },
    backoffBaseMs: 20,
    backoffMaxMs: 100,
    unauthorisedPollMs: 50,
  });
  open.push(connection);
  const statuses: BridgeStatus[] = [connection.status()];
  connection.onStatus((s) => statuses.push(s));
  return { connection, statuses };
}

async function newHost() {
  const h = await startHostUnderTest(service.url);
  hosts.push(h);
  return h;
}

describe('the browser bridge', () => {
  it('queues calls made while connecting and answers them once open', async () => {
    const { connection, statuses } = await pageOf(await newHost(), { withCookie: true });
    expect(connection.status()).toBe('connecting');
    const info = await connection.api.app.info({});
    expect(info).toMatchObject({ ok: true, value: { host: 'browser' } });
    expect(statuses).toEqual(['connecting', 'open']);
  });

  it('signs in through the host and pushes session.changed, with no token anywhere', async () => {
    const { connection } = await pageOf(await newHost(), { withCookie: true });
    const pushed: SessionState[] = [];
    connection.api.on('session.changed', (s) => pushed.push(s));

    const result = await connection.api.auth.signIn({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });

    expect(result).toMatchObject({ ok: true, value: { status: 'signedIn', session: { user: { email: DEMO_ACCOUNT.email, name: DEMO_ACCOUNT.name } } } });
    expect(JSON.stringify(result)).not.toMatch(/eyJ|refresh/i);
    await expect.poll(() => pushed.at(-1)?.user?.email).toBe(DEMO_ACCOUNT.email);
    expect(await connection.api.account.get({})).toMatchObject({ ok: true, value: { email: DEMO_ACCOUNT.email } });
  });

  it('says unauthorised when the launch link was not opened, and refuses calls plainly', async () => {
    const { connection } = await pageOf(await newHost(), { withCookie: false });
    await expect.poll(() => connection.status()).toBe('unauthorised');
    expect(await connection.api.session.get({})).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN' } });
  });

  it('resolves calls in flight with NETWORK_OFFLINE when the host goes away, then keeps trying', async () => {
    const h = await newHost();
    const { connection, statuses } = await pageOf(h, { withCookie: true });
    await expect.poll(() => connection.status()).toBe('open');

    const inFlight = connection.api.auth.signIn({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await h.host.close();

    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'NETWORK_OFFLINE' } });
    await expect.poll(() => statuses.includes('closed')).toBe(true);
    expect(await connection.api.app.info({})).toMatchObject({ ok: false, error: { code: 'NETWORK_OFFLINE' } });
  });
});
