import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { thisDeviceRecordStore } from '../../../electron/services/this-computer/this-computer-stores';
import { AppFailure } from '../../../shared/errors';
import { closedPortUrl, errorBody, json } from '../electron/support/local-service';
import { licenceKeyPair, NOW, signLease, leasePayload } from '../licence/lease-keys';
import { type DeviceService, device, makeComputer, startDeviceService } from './support/device-service';

let svc: DeviceService;
beforeEach(async () => {
  svc = await startDeviceService();
});
afterEach(async () => {
  await svc.service.close();
});

const failureOf = async (promise: Promise<unknown>): Promise<AppFailure> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected a failure');
};

describe('this computer: registration', () => {
  it('is signed out with nothing stored, unregistered once signed in, protected once registered', async () => {
    const pc = makeComputer(svc.service.url);
    pc.thisComputer.start();
    expect((await pc.thisComputer.status()).state).toBe('signedOut');
    pc.thisComputer.setUser('u1');
    expect((await pc.thisComputer.status()).state).toBe('unregistered');

    const state = await pc.thisComputer.register({});
    expect(state).toMatchObject({
      state: 'protected',
      device: { id: 'dev_1' },
      protectedUntil: leasePayload().protectedUntil,
      leaseExpiresAt: leasePayload().expiresAt,
      offline: false,
      licenceKeyChanged: false,
      lastCheckedAt: NOW.toISOString(),
    });
    expect(pc.changes.at(-1)).toEqual(state);

    // What went to the service: this machine's hashes and description, the suggested name.
    const sent = svc.service.hits.find((h) => h.method === 'POST' && h.path === '/v1/devices');
    expect(sent?.body).toEqual({
      fingerprint: pc.fingerprintValue,
      components: expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}$/)]),
      name: 'anna-laptop',
      os: 'Debian GNU/Linux 12',
      platform: 'linux',
      appVersion: '0.1.0',
    });
    expect(sent?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    // The key was pinned at first use, and the lease kept for later.
    expect(svc.service.count('GET', '/v1/licence/public-key')).toBe(1);
    expect(thisDeviceRecordStore(pc.store, svc.service.url).get()?.lease).toEqual(expect.any(String));
    pc.thisComputer.stop();
  });

  it('passes SEAT_LIMIT_REACHED through with the plan’s devices in the service’s order', async () => {
    const older = device({ id: 'dev_old', lastSeenAt: '2025-01-01T00:00:00.000Z' });
    const newer = device({ id: 'dev_new', lastSeenAt: '2025-05-01T00:00:00.000Z' });
    // The service lists them oldest activity first; this computer does not second-guess it.
    svc.service.route('POST', '/v1/devices', (_hit, res) => json(res, 409, errorBody('SEAT_LIMIT_REACHED', 'full', { devices: [older, newer] })));
    const pc = makeComputer(svc.service.url);
    pc.thisComputer.setUser('u1');
    const failure = await failureOf(pc.thisComputer.register({ subscriptionId: 'sub_1' }));
    expect(failure.code).toBe('SEAT_LIMIT_REACHED');
    expect((failure.details?.devices as { id: string }[]).map((d) => d.id)).toEqual(['dev_old', 'dev_new']);
    expect((await pc.thisComputer.status()).state).toBe('unregistered');
    pc.thisComputer.stop();
  });

  it('shows a SUBSCRIPTION_EXPIRED registration as expired', async () => {
    svc.service.route('POST', '/v1/devices', (_hit, res) => json(res, 409, errorBody('SUBSCRIPTION_EXPIRED')));
    const pc = makeComputer(svc.service.url);
    pc.thisComputer.setUser('u1');
    expect((await failureOf(pc.thisComputer.register({}))).code).toBe('SUBSCRIPTION_EXPIRED');
    expect(pc.changes.at(-1)?.state).toBe('expired');
    pc.thisComputer.stop();
  });

  it('refuses to register when nobody is signed in, without asking the service', async () => {
    const pc = makeComputer(svc.service.url);
    expect((await failureOf(pc.thisComputer.register({}))).code).toBe('NOT_SIGNED_IN');
    expect(svc.service.hits).toHaveLength(0);
  });

  it('moves protection with one transfer call naming the old device', async () => {
    svc.service.route('POST', '/v1/devices/dev_old/transfer', async (hit, res) =>
      json(res, 201, { device: svc.device, lease: await svc.lease((hit.body as { fingerprint: string }).fingerprint) }),
    );
    const pc = makeComputer(svc.service.url);
    pc.thisComputer.setUser('u1');
    const state = await pc.thisComputer.moveFrom('dev_old');
    expect(state.state).toBe('protected');
    const sent = svc.service.hits.find((h) => h.path === '/v1/devices/dev_old/transfer');
    expect(sent?.body).toMatchObject({ fingerprint: pc.fingerprintValue, name: 'anna-laptop', platform: 'linux' });
    expect(sent?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    pc.thisComputer.stop();
  });
});

describe('this computer: heartbeat outcomes', () => {
  async function registered() {
    const pc = makeComputer(svc.service.url);
    pc.thisComputer.setUser('u1');
    await pc.thisComputer.register({});
    return pc;
  }

  it('410 DEVICE_DEACTIVATED: removed, with the date the service gives; registering again protects it', async () => {
    const pc = await registered();
    svc.heartbeatError = { status: 410, code: 'DEVICE_DEACTIVATED', details: { deactivatedAt: '2025-05-30T08:15:00.000Z' } };
    const state = await pc.thisComputer.check();
    expect(state).toMatchObject({
      state: 'removed',
      removedAt: '2025-05-30T08:15:00.000Z',
      device: { id: 'dev_1', status: 'deactivated' },
      protectedUntil: null,
    });
    expect(pc.changes.at(-1)?.state).toBe('removed');
    // The removal survives a restart: a new service over the same store says the same.
    const again = makeComputer(svc.service.url, { store: pc.store });
    expect(await again.thisComputer.status()).toMatchObject({ state: 'removed', removedAt: '2025-05-30T08:15:00.000Z' });

    svc.heartbeatError = undefined;
    expect((await pc.thisComputer.register({})).state).toBe('protected');
    pc.thisComputer.stop();
  });

  it('410 without a date: removed as of when this computer learned it', async () => {
    const pc = await registered();
    svc.heartbeatError = { status: 410, code: 'DEVICE_DEACTIVATED' };
    expect(await pc.thisComputer.check()).toMatchObject({ state: 'removed', removedAt: NOW.toISOString() });
    pc.thisComputer.stop();
  });

  it('409 SUBSCRIPTION_EXPIRED on a heartbeat: expired', async () => {
    const pc = await registered();
    svc.heartbeatError = { status: 409, code: 'SUBSCRIPTION_EXPIRED' };
    expect((await pc.thisComputer.check()).state).toBe('expired');
    pc.thisComputer.stop();
  });

  it('a lease whose subscription has ended reads as expired', async () => {
    const pc = await registered();
    svc.lease = (fp) => signLease(leasePayload({ fingerprint: fp, protectedUntil: new Date(NOW.getTime() - 1000).toISOString() }), svc.key.privateKey);
    expect((await pc.thisComputer.check()).state).toBe('expired');
    pc.thisComputer.stop();
  });

  it('offline: protected from the stored lease, across a restart, and says it is offline', async () => {
    const pc = await registered();
    const url = svc.service.url;
    await svc.service.close();
    // Restarted while the service is unreachable: the same store, the same service address.
    const restarted = makeComputer(url, { store: pc.store });
    restarted.thisComputer.start();
    expect(await restarted.thisComputer.status()).toMatchObject({ state: 'protected', protectedUntil: leasePayload().protectedUntil });
    restarted.thisComputer.setUser('u1');
    const state = await restarted.thisComputer.check();
    expect(state).toMatchObject({ state: 'protected', offline: true, protectedUntil: leasePayload().protectedUntil, lastCheckedAt: NOW.toISOString() });
    restarted.thisComputer.stop();
    pc.thisComputer.stop();
    svc = await startDeviceService(); // for afterEach
  });

  it('offline after the lease ran out: no longer protected', async () => {
    const pc = await registered();
    const later = new Date(NOW.getTime() + 30 * 86_400_000);
    const restarted = makeComputer(await closedPortUrl(), { store: pc.store, now: () => later });
    // Another address: the record belongs to the service that issued it.
    expect((await restarted.thisComputer.status()).state).toBe('signedOut');
    const sameService = makeComputer(svc.service.url, { store: pc.store, now: () => later });
    sameService.thisComputer.setUser('u1');
    svc.heartbeatError = { status: 503, code: 'INTERNAL' };
    expect(await sameService.thisComputer.check()).toMatchObject({ state: 'unregistered', offline: true, protectedUntil: null });
    sameService.thisComputer.stop();
    pc.thisComputer.stop();
  });

  it('a changed licence key is refused and reported; the lease from the pinned key stands', async () => {
    const pc = await registered();
    const pinnedLease = thisDeviceRecordStore(pc.store, svc.service.url).get()?.lease;
    svc.key = await licenceKeyPair(); // the service now signs, and publishes, another key
    const state = await pc.thisComputer.check();
    expect(state).toMatchObject({ state: 'protected', licenceKeyChanged: true });
    expect(thisDeviceRecordStore(pc.store, svc.service.url).get()?.lease).toBe(pinnedLease);
    expect(pc.changes.at(-1)?.licenceKeyChanged).toBe(true);
    // A registration signed with the new key is refused outright.
    expect((await failureOf(pc.thisComputer.register({}))).code).toBe('LICENCE_KEY_CHANGED');
    pc.thisComputer.stop();
  });

  it('a lease signed by a stranger while the service shows the pinned key is refused as LEASE_INVALID', async () => {
    const pc = await registered();
    const stranger = await licenceKeyPair();
    svc.lease = (fp) => signLease(leasePayload({ fingerprint: fp }), stranger.privateKey);
    expect((await failureOf(pc.thisComputer.check())).code).toBe('LEASE_INVALID');
    expect((await pc.thisComputer.status()).licenceKeyChanged).toBe(false);
  });
});

describe('this computer: sign-out and account switch', () => {
  it('forgets the account’s device on sign-out and on another account', async () => {
    const pc = makeComputer(svc.service.url);
    pc.thisComputer.setUser('u1');
    await pc.thisComputer.register({});
    pc.thisComputer.setUser(null);
    expect((await pc.thisComputer.status()).state).toBe('signedOut');
    expect(thisDeviceRecordStore(pc.store, svc.service.url).get()).toBeUndefined();

    pc.thisComputer.setUser('u1');
    await pc.thisComputer.register({});
    pc.thisComputer.setUser('u2');
    expect(await pc.thisComputer.status()).toMatchObject({ state: 'unregistered', device: null });
    expect(pc.thisComputer.thisDeviceId()).toBeNull();
    pc.thisComputer.stop();
  });

  it('an explicit sign-out forgets a device even when the session never came back (offline start)', async () => {
    const first = makeComputer(svc.service.url);
    first.thisComputer.setUser('u1');
    await first.thisComputer.register({});
    first.thisComputer.stop();
    const restarted = makeComputer(svc.service.url, { store: first.store });
    expect((await restarted.thisComputer.status()).state).toBe('protected');
    restarted.thisComputer.signedOut();
    expect((await restarted.thisComputer.status()).state).toBe('signedOut');
    expect(thisDeviceRecordStore(first.store, svc.service.url).get()).toBeUndefined();
  });
});
