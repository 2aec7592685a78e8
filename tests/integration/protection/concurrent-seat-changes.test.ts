import { describe, expect, it } from 'vitest';
import { deviceListSchema } from '../../../shared/api/devices';
import { useService } from '../../support/use-service';
import { expectError } from '../server/http';
import { fakeMachine, register, registerBody, subscribedAccount } from './protection-fixture';

const { service, smtp, api } = useService();

/**
 * The seat-change limit is counted inside the transaction that locks the subscription rows
 * (seat-changes.ts): removals and moves racing each other cannot all read "one left" and
 * all pass. On PostgreSQL they run in parallel; PGlite runs one at a time.
 */
describe('the seat-change limit under concurrency', () => {
  it('lets exactly as many of many racing removals and moves through as the limit has left', async () => {
    const { token, subscription } = await subscribedAccount(api, smtp, service.services.db, 'family', 'change-race');
    const limit = 2 * subscription.seats;
    // Spend all but two of the 10 changes: remove a device and take the seat again, eight times.
    for (let i = 0; i < limit - 2; i++) {
      const { device } = await register(api, token, registerBody(fakeMachine()));
      expect((await api.request('DELETE', `/v1/devices/${device.id}`, { token })).status).toBe(204);
    }
    const devices = [];
    for (let i = 0; i < subscription.seats; i++) devices.push((await register(api, token, registerBody(fakeMachine()))).device);

    // Every device at once: some removed, the others moved to new machines.
    const answers = await Promise.all(
      devices.map((device, i) =>
        i % 2 === 0
          ? api.request('DELETE', `/v1/devices/${device.id}`, { token })
          : api.post(`/v1/devices/${device.id}/transfer`, registerBody(fakeMachine()), token),
      ),
    );
    const passed = answers.filter((a) => a.status === 204 || a.status === 201);
    const refused = answers.filter((a) => a.status === 429);
    expect(passed).toHaveLength(2);
    expect(refused).toHaveLength(subscription.seats - 2);
    for (const answer of refused) expectError(answer, 429, 'SEAT_CHANGES_LIMITED');

    const changes = await service.services.db.selectFrom('seat_changes').select('device_id').where('subscription_id', '=', subscription.id).execute();
    expect(changes).toHaveLength(limit);
    const listed = deviceListSchema.parse((await api.get('/v1/devices', token)).body);
    expect(listed.filter((d) => d.status === 'deactivated')).toHaveLength(limit);
    expect(listed.filter((d) => d.status === 'active').length).toBeLessThanOrEqual(subscription.seats);
  });
});
