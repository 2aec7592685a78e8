import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_INTERVAL_MS } from '../../../electron/services/this-computer/this-computer-service';
import { type DeviceService, makeComputer, startDeviceService } from './support/device-service';

let svc: DeviceService;
beforeEach(async () => {
  svc = await startDeviceService();
});
afterEach(async () => {
  vi.useRealTimers();
  await svc.service.close();
});

const heartbeats = () => svc.service.count('POST', '/v1/devices/dev_1/heartbeat');

/**
 * The service answers a heartbeat with `409 DEVICE_MISMATCH` when this computer no longer
 * matches its device (too many parts changed, or the app's files were copied from another
 * computer): it got no lease, so this computer is not protected by that seat, and says so,
 * with the device it was, so it can be protected again.
 */
describe('a heartbeat answered DEVICE_MISMATCH', () => {
  it('shows this computer unregistered, names the device it was, and stops beating for it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const pc = makeComputer(svc.service.url);
    pc.thisComputer.setUser('u1');
    const registered = await pc.thisComputer.register({});
    expect(registered.state).toBe('protected');

    svc.heartbeatError = { status: 409, code: 'DEVICE_MISMATCH', details: { deviceId: svc.device.id } };
    const checked = await pc.thisComputer.check();
    expect(checked).toMatchObject({ state: 'unregistered', device: null, protectedUntil: null, leaseExpiresAt: null, formerDevice: { id: svc.device.id } });
    expect(pc.changes.at(-1)).toEqual(checked);
    expect(pc.thisComputer.thisDeviceId()).toBeNull();
    // The stored lease is gone too: a restart does not show the old seat as this computer's.
    const restarted = makeComputer(svc.service.url, { store: pc.store });
    restarted.thisComputer.setUser('u1');
    expect((await restarted.thisComputer.status()).state).toBe('unregistered');
    restarted.thisComputer.stop();

    vi.advanceTimersByTime(4 * HEARTBEAT_INTERVAL_MS);
    await new Promise((r) => setTimeout(r, 50));
    expect(heartbeats()).toBe(1);

    // Registering again makes it protected, and the former device is no longer mentioned.
    svc.heartbeatError = undefined;
    const again = await pc.thisComputer.register({});
    expect(again.state).toBe('protected');
    expect(again.formerDevice).toBeUndefined();
    pc.thisComputer.stop();
  });
});
