import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CLOSE_UNAUTHORISED } from '../../../shared/contract/bridge-protocol';
import { spawnService, type SpawnedService } from '../../support/service';
import { connectRaw, type HostUnderTest, sayHello, startHostUnderTest } from './host-fixture';

let service: SpawnedService;
const hosts: HostUnderTest[] = [];
let h: HostUnderTest;

beforeAll(async () => {
  service = await spawnService({ args: ['--seed-demo'] });
  h = await startHostUnderTest(service.url);
  hosts.push(h);
});
afterAll(async () => {
  for (const host of hosts) await host.stop();
  await service?.stop();
});

const refused = { closed: BRIDGE_CLOSE_UNAUTHORISED };

async function welcomed(origin: string, secret: { launch: string } | { tab: string }): Promise<string> {
  const outcome = await sayHello(origin, secret);
  if (!('socket' in outcome)) throw new Error(`refused: ${outcome.closed}`);
  outcome.socket.close();
  return outcome.tab;
}

describe('a launch secret', () => {
  it('works once: a second use, by anyone, is refused', async () => {
    const launch = h.launchSecret();
    await welcomed(h.host.origin, { launch });
    expect(await sayHello(h.host.origin, { launch })).toEqual(refused);
    expect(await sayHello(`http://localhost:${h.host.port}`, { launch })).toEqual(refused);
  });

  it('stops working when a fresh link is asked for before it was used', async () => {
    const older = h.launchSecret();
    const fresh = h.launchSecret();
    expect(await sayHello(h.host.origin, { launch: older })).toEqual(refused);
    await welcomed(h.host.origin, { launch: fresh });
  });

  it('is refused once it has expired, and is spent by that try too', async () => {
    const shortLived = await startHostUnderTest(service.url, { launchLifetimeMs: 200 });
    hosts.push(shortLived);
    const launch = shortLived.launchSecret();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await sayHello(shortLived.host.origin, { launch })).toEqual(refused);
    expect(await sayHello(shortLived.host.origin, { launch })).toEqual(refused);
  });
});

describe('the tab secret one exchange gives', () => {
  it('reconnects that tab as often as it likes', async () => {
    const tab = await welcomed(h.host.origin, { launch: h.launchSecret() });
    expect(await welcomed(h.host.origin, { tab })).toBe(tab);
    expect(await welcomed(h.host.origin, { tab })).toBe(tab);
  });

  it('is no launch secret: it mints no further tab secret', async () => {
    const tab = await welcomed(h.host.origin, { launch: h.launchSecret() });
    expect(await sayHello(h.host.origin, { launch: tab })).toEqual(refused);
  });

  it('does not work without the page’s own origin', async () => {
    const tab = await welcomed(h.host.origin, { launch: h.launchSecret() });
    // The tab secret is in the first message, but the upgrade is refused before it is read.
    expect(await connectRaw(`ws://127.0.0.1:${h.host.port}/bridge`, { origin: 'http://127.0.0.1:1' })).toEqual({ status: 403 });
    expect(await connectRaw(`ws://127.0.0.1:${h.host.port}/bridge`, {})).toEqual({ status: 403 });
    expect(await welcomed(h.host.origin, { tab })).toBe(tab);
  });

  it('does not work on another run of the host', async () => {
    const tab = await welcomed(h.host.origin, { launch: h.launchSecret() });
    const other = await startHostUnderTest(service.url);
    hosts.push(other);
    expect(await sayHello(other.host.origin, { tab })).toEqual(refused);
  });
});
