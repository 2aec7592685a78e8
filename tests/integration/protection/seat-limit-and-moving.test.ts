import { describe, expect, it } from 'vitest';
import { deviceListSchema, heartbeatResponseSchema, registerDeviceResponseSchema, seatLimitDetailsSchema } from '../../../shared/api/devices';
import { subscriptionListSchema } from '../../../shared/api/subscriptions';
import { useService } from '../../support/use-service';
import { DAY, expectError, movableClock, signIn } from '../server/http';
import { fakeMachine, heartbeatBody, register, registerBody, subscribedAccount, withNewParts } from './protection-fixture';

const clock = movableClock();

const { service, smtp, api } = useService({ now: clock.now });

const devicesOf = async (token: string) => deviceListSchema.parse((await api.get('/v1/devices', token)).body);
const seatsUsed = async (token: string) => subscriptionListSchema.parse((await api.get('/v1/subscriptions', token)).body)[0]?.seatsUsed;
const transfer = (token: string, fromId: string, body: object, headers: Record<string, string> = {}) =>
  api.request('POST', `/v1/devices/${fromId}/transfer`, { json: body, token, headers });

describe('a full plan', () => {
  it('answers 409 SEAT_LIMIT_REACHED with the plan’s devices, oldest activity first, then takes the machine once a seat is freed', async () => {
    const { token, subscription } = await subscribedAccount(api, smtp, service.services.db, 'family', 'full');
    const devices = [];
    const machines = Array.from({ length: 5 }, () => fakeMachine());
    for (let i = 0; i < 5; i++) {
      devices.push((await register(api, token, registerBody(machines[i]!, { name: `Device ${i}` }))).device);
      clock.advance(1000);
    }
    // Device 0 checks in: now device 1 is the one seen longest ago.
    expect((await api.post(`/v1/devices/${devices[0]!.id}/heartbeat`, heartbeatBody(machines[0]!), token)).status).toBe(200);

    const sixth = registerBody(fakeMachine(), { name: 'One too many' });
    const details = seatLimitDetailsSchema.parse(expectError(await api.post('/v1/devices', sixth, token), 409, 'SEAT_LIMIT_REACHED'));
    expect(details.devices.map((d) => d.name)).toEqual(['Device 1', 'Device 2', 'Device 3', 'Device 4', 'Device 0']);
    expect(details.devices.every((d) => d.status === 'active' && d.subscriptionId === subscription.id)).toBe(true);
    expect(await devicesOf(token)).toHaveLength(5);
    expect(await seatsUsed(token)).toBe(5);

    // Free the oldest, and continue in place with the same request.
    expect((await api.request('DELETE', `/v1/devices/${details.devices[0]!.id}`, { token })).status).toBe(204);
    const added = await register(api, token, sixth);
    expect(added.device.name).toBe('One too many');
    expect(await seatsUsed(token)).toBe(5);
    expectError(await api.post('/v1/devices', registerBody(fakeMachine()), token), 409, 'SEAT_LIMIT_REACHED');
  });
});

describe('moving protection to a new machine', () => {
  it('deactivates the old device and registers the new one on its subscription, even when the plan is full', async () => {
    const { token, subscription } = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'move');
    const oldMachine = fakeMachine();
    const old = (await register(api, token, registerBody(oldMachine, { name: 'Old PC' }))).device;
    const newMachine = fakeMachine();
    expectError(await api.post('/v1/devices', registerBody(newMachine), token), 409, 'SEAT_LIMIT_REACHED');

    const answer = await transfer(token, old.id, registerBody(newMachine, { name: 'New PC', platform: 'macos', os: 'macOS 15' }));
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const moved = registerDeviceResponseSchema.parse(answer.body);
    expect(moved.device).toMatchObject({ name: 'New PC', platform: 'macos', subscriptionId: subscription.id, status: 'active' });
    const listed = await devicesOf(token);
    expect(listed.find((d) => d.id === old.id)?.status).toBe('deactivated');
    expect(listed.find((d) => d.id === moved.device.id)?.status).toBe('active');
    expect(await seatsUsed(token)).toBe(1);

    // The old machine learns it was removed; the new one has a working lease.
    expectError(await api.post(`/v1/devices/${old.id}/heartbeat`, heartbeatBody(oldMachine), token), 410, 'DEVICE_DEACTIVATED');
    heartbeatResponseSchema.parse((await api.post(`/v1/devices/${moved.device.id}/heartbeat`, heartbeatBody(newMachine), token)).body);
    // The old machine registering again is a new device, and the plan is full.
    expectError(await api.post('/v1/devices', registerBody(oldMachine), token), 409, 'SEAT_LIMIT_REACHED');
  });

  it('refuses to move from a removed, unknown or someone else’s device, or onto a machine already protected', async () => {
    const owner = await subscribedAccount(api, smtp, service.services.db, 'family', 'move-refused');
    const stranger = await subscribedAccount(api, smtp, service.services.db, 'family', 'move-stranger');
    const a = (await register(api, owner.token, registerBody(fakeMachine()))).device;
    const bMachine = fakeMachine();
    const b = (await register(api, owner.token, registerBody(bMachine))).device;

    expectError(await transfer(stranger.token, a.id, registerBody(fakeMachine())), 404, 'NOT_FOUND');
    expectError(await transfer(owner.token, 'not-a-device', registerBody(fakeMachine())), 404, 'NOT_FOUND');
    expect(expectError(await transfer(owner.token, a.id, registerBody(withNewParts(bMachine, 1))), 409, 'CONFLICT')).toMatchObject({ deviceId: b.id });
    expectError(await transfer(owner.token, a.id, registerBody(fakeMachine(), { subscriptionId: stranger.subscription.id })), 400, 'VALIDATION_FAILED');
    expectError(await transfer(owner.token, a.id, { ...registerBody(fakeMachine()), components: [] }), 400, 'VALIDATION_FAILED');
    // Nothing changed so far.
    expect((await devicesOf(owner.token)).every((d) => d.status === 'active')).toBe(true);

    expect((await api.request('DELETE', `/v1/devices/${a.id}`, { token: owner.token })).status).toBe(204);
    const removed = expectError(await transfer(owner.token, a.id, registerBody(fakeMachine())), 410, 'DEVICE_DEACTIVATED');
    expect(removed).toHaveProperty('deactivatedAt');
    expect(await devicesOf(owner.token)).toHaveLength(2);
  });

  it('replays a repeated transfer with the same Idempotency-Key instead of moving twice', async () => {
    const { token } = await subscribedAccount(api, smtp, service.services.db, 'family', 'move-idem');
    const old = (await register(api, token, registerBody(fakeMachine()))).device;
    const body = registerBody(fakeMachine(), { name: 'Replacement' });
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const first = await transfer(token, old.id, body, headers);
    expect(first.status).toBe(201);
    const again = await transfer(token, old.id, body, headers);
    expect({ status: again.status, body: again.body }).toEqual({ status: 201, body: first.body });
    expect(await devicesOf(token)).toHaveLength(2);
    // Without the key, the same request finds the old device already moved.
    expectError(await transfer(token, old.id, body), 410, 'DEVICE_DEACTIVATED');
    // The key used for another device's move is a different request.
    expectError(await transfer(token, (first.body as { device: { id: string } }).device.id, body, headers), 422, 'VALIDATION_FAILED');
  });

  // Moves the shared clock years ahead: keep last.
  it('refuses to move onto an ended subscription', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'family', 'move-expired');
    const old = (await register(api, account.token, registerBody(fakeMachine()))).device;
    clock.advance(400 * DAY);
    const { accessToken } = await signIn(api, account.email, account.password);
    expectError(await transfer(accessToken, old.id, registerBody(fakeMachine())), 409, 'SUBSCRIPTION_EXPIRED');
    expect((await devicesOf(accessToken)).map((d) => d.status)).toEqual(['active']);
  });
});
