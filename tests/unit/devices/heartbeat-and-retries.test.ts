import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../electron/services/api/api-client';
import { createDevicesApi } from '../../../electron/services/api/devices-api';
import { createSubscriptionsApi } from '../../../electron/services/api/subscriptions-api';
import { createAccountDevicesService } from '../../../electron/services/devices/devices-service';
import { createSubscriptionsService } from '../../../electron/services/subscriptions/subscriptions-service';
import { HEARTBEAT_INTERVAL_MS } from '../../../electron/services/this-computer/this-computer-service';
import { AppFailure } from '../../../shared/errors';
import { generateProductKey } from '../../../shared/product-key';
import { errorBody, json } from '../electron/support/local-service';
import { NOW } from '../licence/lease-keys';
import { type DeviceService, device, makeComputer, startDeviceService } from './support/device-service';

let svc: DeviceService;
beforeEach(async () => {
  svc = await startDeviceService();
});
afterEach(async () => {
  vi.useRealTimers();
  await svc.service.close();
});

const heartbeats = () => svc.service.count('POST', '/v1/devices/dev_1/heartbeat');

describe('heartbeat schedule', () => {
  it('beats every six hours while signed in, and stops on sign-out', async () => {
    // Only the interval is faked: the HTTP round trips are real.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const pc = makeComputer(svc.service.url);
    pc.thisComputer.setUser('u1');
    await pc.thisComputer.register({});
    expect(heartbeats()).toBe(0); // a registration is as good as a heartbeat

    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS - 1);
    expect(heartbeats()).toBe(0);
    vi.advanceTimersByTime(1);
    await vi.waitFor(() => expect(heartbeats()).toBe(1));
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
    await vi.waitFor(() => expect(heartbeats()).toBe(2));

    pc.thisComputer.setUser(null);
    vi.advanceTimersByTime(3 * HEARTBEAT_INTERVAL_MS);
    await new Promise((r) => setTimeout(r, 50));
    expect(heartbeats()).toBe(2);
    pc.thisComputer.stop();
  });

  it('beats at once when a session is restored with a stored registration', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const first = makeComputer(svc.service.url);
    first.thisComputer.setUser('u1');
    await first.thisComputer.register({});
    first.thisComputer.stop();

    const restarted = makeComputer(svc.service.url, { store: first.store });
    restarted.thisComputer.start();
    restarted.thisComputer.setUser('u1');
    await vi.waitFor(() => expect(heartbeats()).toBe(1));
    const sent = svc.service.hits.find((h) => h.path === '/v1/devices/dev_1/heartbeat');
    // What the machine is now, so the service can tell it is still the device.
    expect(sent?.body).toEqual({ fingerprint: restarted.fingerprintValue, components: expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}$/)]) });
    expect((sent?.body as { components: string[] }).components).toEqual(restarted.components);
    expect(restarted.changes.at(-1)).toMatchObject({ state: 'protected', offline: false, lastCheckedAt: NOW.toISOString() });
    restarted.thisComputer.stop();
  });

  it('stops beating once the device is removed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const pc = makeComputer(svc.service.url);
    pc.thisComputer.setUser('u1');
    await pc.thisComputer.register({});
    svc.heartbeatError = { status: 410, code: 'DEVICE_DEACTIVATED' };
    vi.advanceTimersByTime(HEARTBEAT_INTERVAL_MS);
    await vi.waitFor(() => expect(pc.changes.at(-1)?.state).toBe('removed'));
    vi.advanceTimersByTime(4 * HEARTBEAT_INTERVAL_MS);
    await new Promise((r) => setTimeout(r, 50));
    expect(heartbeats()).toBe(1);
    pc.thisComputer.stop();
  });
});

describe('idempotency keys', () => {
  it('one key per action, reused by the client’s retries of that action', async () => {
    let registerCalls = 0;
    svc.service.route('POST', '/v1/devices', async (hit, res) => {
      registerCalls++;
      // The first attempt "fails in transit" (a 503 from a proxy); the retry succeeds.
      if (registerCalls === 1) return json(res, 503, errorBody('INTERNAL'));
      json(res, 201, { device: svc.device, lease: await svc.lease((hit.body as { fingerprint: string }).fingerprint) });
    });
    const pc = makeComputer(svc.service.url, { retries: 2 });
    pc.thisComputer.setUser('u1');
    expect((await pc.thisComputer.register({})).state).toBe('protected');
    await pc.thisComputer.register({});

    const keys = svc.service.hits.filter((h) => h.path === '/v1/devices').map((h) => h.headers['idempotency-key']);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]); // the retry
    expect(keys[2]).not.toBe(keys[0]); // a new action
    pc.thisComputer.stop();
  });

  it('activation sends the canonical key with an idempotency key reused on retry', async () => {
    const subscription = {
      id: 'sub_9',
      plan: 'family',
      planName: 'Palisade Family',
      seats: 5,
      seatsUsed: 0,
      status: 'active',
      startsAt: NOW.toISOString(),
      expiresAt: '2026-06-01T12:00:00.000Z',
      autoRenew: false,
    };
    let calls = 0;
    svc.service.route('POST', '/v1/subscriptions/activate', (_hit, res) => (++calls === 1 ? json(res, 502) : json(res, 201, subscription)));
    const api = createApiClient({ baseUrl: svc.service.url, getAccessToken: async () => 't', retries: 2, retryBaseDelayMs: 5 });
    const subscriptions = createSubscriptionsService(createSubscriptionsApi(api));
    const key = generateProductKey();
    const typed = ` ${key.toLowerCase().replace(/(.{5})(?!$)/g, '$1 - ')} `;
    // What a service from before billing answers reads with no renewal and a 1-year term.
    expect(await subscriptions.activate(typed)).toEqual({ ...subscription, paymentMethodId: null, renewsAt: null, renewal: null, termYears: 1 });
    const hits = svc.service.hits.filter((h) => h.path === '/v1/subscriptions/activate');
    expect(hits.map((h) => h.body)).toEqual([{ productKey: key }, { productKey: key }]);
    expect(hits[1]?.headers['idempotency-key']).toBe(hits[0]?.headers['idempotency-key']);
  });
});

describe('product keys are checked before they leave this computer', () => {
  const subscriptions = () =>
    createSubscriptionsService(createSubscriptionsApi(createApiClient({ baseUrl: svc.service.url, getAccessToken: async () => 't' })));

  it.each([
    ['a mistyped symbol', (k: string) => k.slice(0, 7) + (k[7] === 'A' ? 'B' : 'A') + k.slice(8), 'checksum'],
    ['too short', (k: string) => k.slice(0, 15), 'length'],
    ['a stray character', (k: string) => `${k.slice(0, 10)}!${k.slice(10)}`, 'characters'],
  ])('%s: KEY_MALFORMED with the reason, and no request', async (_name, spoil, reason) => {
    const error = await subscriptions()
      .activate(spoil(generateProductKey()))
      .then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect(error).toMatchObject({ code: 'KEY_MALFORMED', details: { reason } });
    expect(svc.service.hits).toHaveLength(0);
  });

  it('names the group of a look-alike slip when it can tell', async () => {
    // Find a key where swapping in the look-alike of one symbol gives a single suspect group:
    // about 4 % of such slips, as a group is named only when every plausible repair is in it.
    for (let attempt = 0; attempt < 5000; attempt++) {
      const key = generateProductKey();
      const at = 12; // group 3
      const slip = { '8': 'B', B: '8', '5': 'S', S: '5', '0': 'D', D: '0' }[key[at] ?? ''];
      if (!slip) continue;
      const error = await subscriptions()
        .activate(key.slice(0, at) + slip + key.slice(at + 1))
        .then(() => null, (e: unknown) => e as AppFailure);
      if (error?.details?.suspectGroup === undefined) continue;
      expect(error.details).toEqual({ reason: 'checksum', suspectGroup: 3 });
      return;
    }
    throw new Error('no key with a decisive slip in 5000 tries');
  });
});

describe('the account’s devices keep this computer in step', () => {
  it('deactivating this computer from the list marks it removed; list names this device', async () => {
    const mine = device();
    const other = device({ id: 'dev_2', name: 'Old desktop' });
    svc.service.route('GET', '/v1/devices', (_hit, res) => json(res, 200, [mine, other]));
    svc.service.route('DELETE', '/v1/devices/dev_1', (_hit, res) => json(res, 204));
    svc.service.route('PATCH', '/v1/devices/dev_1', (hit, res) => json(res, 200, { ...mine, name: (hit.body as { name: string }).name }));
    const pc = makeComputer(svc.service.url);
    pc.thisComputer.setUser('u1');
    await pc.thisComputer.register({});
    const api = createApiClient({ baseUrl: svc.service.url, getAccessToken: async () => 't' });
    const devices = createAccountDevicesService(createDevicesApi(api), { thisDeviceId: pc.thisComputer.thisDeviceId, events: pc.events });

    expect(await devices.list()).toEqual({ devices: [mine, other], thisDeviceId: 'dev_1' });
    await devices.rename('dev_1', 'Study laptop');
    expect(pc.changes.at(-1)?.device?.name).toBe('Study laptop');
    await devices.deactivate('dev_1');
    expect(pc.changes.at(-1)).toMatchObject({ state: 'removed', removedAt: NOW.toISOString(), device: { status: 'deactivated' } });
    pc.thisComputer.stop();
  });

  it('a list showing this computer deactivated elsewhere triggers a check at once', async () => {
    svc.service.route('GET', '/v1/devices', (_hit, res) => json(res, 200, [device({ status: 'deactivated' })]));
    const pc = makeComputer(svc.service.url);
    pc.thisComputer.setUser('u1');
    await pc.thisComputer.register({});
    svc.heartbeatError = { status: 410, code: 'DEVICE_DEACTIVATED' };
    const api = createApiClient({ baseUrl: svc.service.url, getAccessToken: async () => 't' });
    const devices = createAccountDevicesService(createDevicesApi(api), { thisDeviceId: pc.thisComputer.thisDeviceId, events: pc.events });
    await devices.list();
    await vi.waitFor(() => expect(pc.changes.at(-1)?.state).toBe('removed'));
    expect(heartbeats()).toBe(1);
    // Once the removal is known, listing again asks nothing more: a screen that re-lists on
    // every thisComputer.changed cannot loop with the check.
    await devices.list();
    await devices.list();
    expect(heartbeats()).toBe(1);
    pc.thisComputer.stop();
  });
});
