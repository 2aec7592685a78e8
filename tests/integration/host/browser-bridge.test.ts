import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../../server/src/seed/demo-account';
import type { BridgeStatus, BrowserHostConnection, TabSecretStore } from '../../../renderer/src/api/browser-bridge';
import type { SessionState } from '../../../shared/contract/session';
import { spawnService, type SpawnedService } from '../../support/service';
import { type HostUnderTest, openTab, startHostUnderTest } from './host-fixture';

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

/** A tab's sessionStorage: it outlives the page (a reload), not the tab. */
function sessionStorageOfATab(): TabSecretStore & { value: string | null } {
  const store = { value: null as string | null, get: () => store.value, set: (s: string) => void (store.value = s), clear: () => void (store.value = null) };
  return store;
}

/** What a page served by `h` would do, opened with the launch link's secret or without one. */
function pageOf(h: HostUnderTest, { launchSecret = null, tabSecrets = sessionStorageOfATab() }: { launchSecret?: string | null; tabSecrets?: TabSecretStore } = {}) {
  const connection = openTab(h.host.origin, { launchSecret, tabSecrets, backoffBaseMs: 20, backoffMaxMs: 100 });
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
  it('queues calls made while connecting and answers them once the launch secret is exchanged', async () => {
    const h = await newHost();
    const { connection, statuses } = pageOf(h, { launchSecret: h.launchSecret() });
    expect(connection.status()).toBe('connecting');
    const info = await connection.api.app.info({});
    expect(info).toMatchObject({ ok: true, value: { host: 'browser' } });
    expect(statuses).toEqual(['connecting', 'open']);
  });

  it('signs in through the host and pushes session.changed, with no token anywhere', async () => {
    const h = await newHost();
    const { connection } = pageOf(h, { launchSecret: h.launchSecret() });
    const pushed: SessionState[] = [];
    connection.api.on('session.changed', (s) => pushed.push(s));

    const result = await connection.api.auth.signIn({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });

    expect(result).toMatchObject({ ok: true, value: { status: 'signedIn', session: { user: { email: DEMO_ACCOUNT.email, name: DEMO_ACCOUNT.name } } } });
    expect(JSON.stringify(result)).not.toMatch(/eyJ|refresh/i);
    await expect.poll(() => pushed.at(-1)?.user?.email).toBe(DEMO_ACCOUNT.email);
    expect(await connection.api.account.get({})).toMatchObject({ ok: true, value: { email: DEMO_ACCOUNT.email } });
  });

  it('stays connected across a reload: the page comes back with the tab secret, not the spent link', async () => {
    const h = await newHost();
    const tabSecrets = sessionStorageOfATab();
    const first = pageOf(h, { launchSecret: h.launchSecret(), tabSecrets });
    await expect.poll(() => first.connection.status()).toBe('open');
    expect(tabSecrets.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    first.connection.close();

    const reloaded = pageOf(h, { tabSecrets });
    expect(await reloaded.connection.api.app.info({})).toMatchObject({ ok: true });
  });

  it('says unauthorised when the page was opened without the launch link, and refuses calls plainly', async () => {
    const { connection } = pageOf(await newHost());
    await expect.poll(() => connection.status()).toBe('unauthorised');
    expect(await connection.api.session.get({})).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN' } });
  });

  it('says unauthorised when the launch link was spent already, and drops a tab secret the host does not know', async () => {
    const h = await newHost();
    const secret = h.launchSecret();
    const first = pageOf(h, { launchSecret: secret });
    await expect.poll(() => first.connection.status()).toBe('open');

    const tabSecrets = sessionStorageOfATab();
    tabSecrets.set('from-an-earlier-run-of-the-host-000000000000');
    const second = pageOf(h, { launchSecret: secret, tabSecrets });
    await expect.poll(() => second.connection.status()).toBe('unauthorised');
    expect(tabSecrets.value).toBeNull();
  });

  it('resolves calls in flight with NETWORK_OFFLINE when the host goes away, then keeps trying', async () => {
    const h = await newHost();
    const { connection, statuses } = pageOf(h, { launchSecret: h.launchSecret() });
    await expect.poll(() => connection.status()).toBe('open');

    const inFlight = connection.api.auth.signIn({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    await h.host.close();

    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'NETWORK_OFFLINE' } });
    await expect.poll(() => statuses.includes('closed')).toBe(true);
    expect(await connection.api.app.info({})).toMatchObject({ ok: false, error: { code: 'NETWORK_OFFLINE' } });
  });
});
