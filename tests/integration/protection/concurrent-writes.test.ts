import { describe, expect, it } from 'vitest';
import { deviceListSchema } from '../../../shared/api/devices';
import { useService } from '../../support/use-service';
import { type Answer, expectError } from '../server/http';
import { activeDevicesBySubscription, fakeMachine, register, registerBody, subscribedAccount } from './protection-fixture';

const { service, smtp, api } = useService();

const statuses = (answers: Answer[]) => {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
};
const devicesOf = async (token: string) => deviceListSchema.parse((await api.get('/v1/devices', token)).body);

/** Every subscription in the database is within its seats; transfers are whole. */
async function expectInvariants() {
  for (const [id, { seats, active }] of await activeDevicesBySubscription(service.services.db)) {
    expect(active, `subscription ${id}`).toBeLessThanOrEqual(seats);
  }
  const moved = await service.services.db.selectFrom('devices').select('id').where('deactivated_reason', '=', 'transferred').execute();
  const replacements = await service.services.db.selectFrom('devices').select('replaces_device_id').where('replaces_device_id', 'is not', null).execute();
  expect(new Set(replacements.map((r) => r.replaces_device_id))).toEqual(new Set(moved.map((m) => m.id)));
}

describe('the seat limit under concurrency', () => {
  it('gives 200 concurrent registrations of distinct machines on a 5-seat plan exactly 5 devices and 195 SEAT_LIMIT_REACHED', async () => {
    const { token, subscription } = await subscribedAccount(api, smtp, service.services.db, 'family', 'stampede');
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => api.post('/v1/devices', registerBody(fakeMachine(), { name: `Machine ${i}` }), token)));
    expect(statuses(answers)).toEqual({ 201: 5, 409: 195 });
    for (const refused of answers.filter((a) => a.status === 409)) expectError(refused, 409, 'SEAT_LIMIT_REACHED');
    const devices = await devicesOf(token);
    expect(devices).toHaveLength(5);
    expect(devices.every((d) => d.subscriptionId === subscription.id && d.status === 'active')).toBe(true);
    await expectInvariants();
  });

  it('makes one device of many concurrent registrations of the same machine', async () => {
    const { token } = await subscribedAccount(api, smtp, service.services.db, 'family', 'same-stampede');
    const machine = fakeMachine();
    const answers = await Promise.all(Array.from({ length: 30 }, () => api.post('/v1/devices', registerBody(machine), token)));
    expect(statuses(answers)).toEqual({ 200: 29, 201: 1 });
    expect(new Set(answers.map((a) => (a.body as { device: { id: string } }).device.id)).size).toBe(1);
    expect(await devicesOf(token)).toHaveLength(1);
  });

  it('never exceeds the limit with transfers, registrations and removals racing', async () => {
    const { token } = await subscribedAccount(api, smtp, service.services.db, 'family', 'transfer-race');
    const old = [];
    for (let i = 0; i < 5; i++) old.push((await register(api, token, registerBody(fakeMachine()))).device);

    // Four machines want to move onto each old device; new machines try to register too.
    const transfers = old.flatMap((device) =>
      Array.from({ length: 4 }, () => api.post(`/v1/devices/${device.id}/transfer`, registerBody(fakeMachine()), token)),
    );
    const registrations = Array.from({ length: 10 }, () => api.post('/v1/devices', registerBody(fakeMachine()), token));
    const [moved, registered] = await Promise.all([Promise.all(transfers), Promise.all(registrations)]);
    expect(statuses(moved)).toEqual({ 201: 5, 410: 15 });
    for (const a of moved.filter((m) => m.status === 410)) expectError(a, 410, 'DEVICE_DEACTIVATED');
    expect(statuses(registered)).toEqual({ 409: 10 });
    const devices = await devicesOf(token);
    expect(devices.filter((d) => d.status === 'active')).toHaveLength(5);
    await expectInvariants();

    // Now with free seats: two removals race transfers and registrations; the total stays ≤ 5.
    const active = devices.filter((d) => d.status === 'active');
    const mixed = await Promise.all([
      ...active.slice(0, 2).map((d) => api.request('DELETE', `/v1/devices/${d.id}`, { token })),
      ...active.slice(2).map((d) => api.post(`/v1/devices/${d.id}/transfer`, registerBody(fakeMachine()), token)),
      ...Array.from({ length: 12 }, () => api.post('/v1/devices', registerBody(fakeMachine()), token)),
    ]);
    expect(mixed.every((a) => a.status < 500)).toBe(true);
    await expectInvariants();
    const after = (await devicesOf(token)).filter((d) => d.status === 'active');
    expect(after.length).toBeLessThanOrEqual(5);
    // Each removal freed a seat for one registration, once it had committed; fill up what is left.
    while ((await devicesOf(token)).filter((d) => d.status === 'active').length < 5) await register(api, token, registerBody(fakeMachine()));
    expectError(await api.post('/v1/devices', registerBody(fakeMachine()), token), 409, 'SEAT_LIMIT_REACHED');
  });
});

describe('Idempotency-Key under concurrency', () => {
  it('answers every concurrent repeat of a registration with the first response, and takes one seat', async () => {
    const { token } = await subscribedAccount(api, smtp, service.services.db, 'family', 'idem-race');
    const body = registerBody(fakeMachine());
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const answers = await Promise.all(Array.from({ length: 10 }, () => api.request('POST', '/v1/devices', { json: body, token, headers })));
    expect(statuses(answers)).toEqual({ 201: 10 });
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect(await devicesOf(token)).toHaveLength(1);

    // Later, the same: the first lease, not a new one.
    const later = await api.request('POST', '/v1/devices', { json: body, token, headers });
    expect(later.body).toEqual(answers[0]!.body);
    // Another body under the same key is refused and changes nothing.
    expectError(await api.request('POST', '/v1/devices', { json: registerBody(fakeMachine()), token, headers }), 422, 'VALIDATION_FAILED');
    expect(await devicesOf(token)).toHaveLength(1);
  });

  it('replays concurrent transfers with one key as one move', async () => {
    const { token } = await subscribedAccount(api, smtp, service.services.db, 'family', 'idem-transfer');
    const old = (await register(api, token, registerBody(fakeMachine()))).device;
    const body = registerBody(fakeMachine());
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const answers = await Promise.all(Array.from({ length: 8 }, () => api.request('POST', `/v1/devices/${old.id}/transfer`, { json: body, token, headers })));
    expect(statuses(answers)).toEqual({ 201: 8 });
    for (const a of answers) expect(a.body).toEqual(answers[0]!.body);
    const devices = await devicesOf(token);
    expect(devices.map((d) => d.status).sort()).toEqual(['active', 'deactivated']);
    await expectInvariants();
  });

  it('replays a refusal too: the key names one attempt, a new attempt takes a new key', async () => {
    const { token } = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'idem-refusal');
    const first = (await register(api, token, registerBody(fakeMachine()))).device;
    const body = registerBody(fakeMachine());
    const headers = { 'idempotency-key': crypto.randomUUID() };
    const refused = await api.request('POST', '/v1/devices', { json: body, token, headers });
    expectError(refused, 409, 'SEAT_LIMIT_REACHED');
    expect((await api.request('DELETE', `/v1/devices/${first.id}`, { token })).status).toBe(204);
    const repeated = await api.request('POST', '/v1/devices', { json: body, token, headers });
    expect({ status: repeated.status, body: repeated.body }).toEqual({ status: refused.status, body: refused.body });
    const retried = await api.request('POST', '/v1/devices', { json: body, token, headers: { 'idempotency-key': crypto.randomUUID() } });
    expect(retried.status).toBe(201);
  });
});
