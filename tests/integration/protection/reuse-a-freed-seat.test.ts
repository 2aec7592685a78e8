import { describe, expect, it } from 'vitest';
import { deviceListSchema, heartbeatResponseSchema } from '../../../shared/api/devices';
import { errorDetailsSchemas } from '../../../shared/errors';
import { leasePayloadSchema } from '../../../shared/lease';
import { useService } from '../../support/use-service';
import { type Answer, DAY, expectError, movableClock, signIn } from '../server/http';
import { fakeMachine, heartbeatBody, type Machine, register, registerBody, subscribedAccount } from './protection-fixture';

const clock = movableClock();
const { service, smtp, api } = useService({ now: clock.now });

const claimsOf = (lease: string) => leasePayloadSchema.parse(JSON.parse(Buffer.from(lease.split('.')[1]!, 'base64url').toString()));
const leaseDays = (lease: string) => {
  const { issuedAt, expiresAt } = claimsOf(lease);
  return (Date.parse(expiresAt) - Date.parse(issuedAt)) / DAY;
};

/**
 * The review's attack: offline leases cannot be recalled, so on a 1-seat plan someone
 * frees the seat and takes it with another machine, again and again, and every machine
 * they passed through keeps a valid lease. The seat-change limit (2 × seats in 30 days)
 * and 7-day leases for new devices keep that to at most 3 × seats machines at once.
 */
describe('reusing a freed seat', () => {
  it('keeps the machines holding a valid lease of a 1-seat plan within 3, however fast the seat is freed and taken', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'reuse-seat');
    const seats = account.subscription.seats;
    expect(seats).toBe(1);
    let token = account.token;
    /** Each machine's latest lease expiry: what it shows offline, whatever the service says since. */
    const validUntil = new Map<string, number>();
    const holdingNow = () => [...validUntil.values()].filter((until) => until > clock.now().getTime()).length;
    let most = 0;
    const note = (machine: Machine, lease: string) => {
      validUntil.set(machine.fingerprint, Date.parse(claimsOf(lease).expiresAt));
      most = Math.max(most, holdingNow());
    };

    let machine = fakeMachine();
    let device = await register(api, token, registerBody(machine));
    note(machine, device.lease);
    expect(leaseDays(device.lease)).toBe(7);

    let refusals = 0;
    let changes = 0;
    // Sixty days of trying, every day: free the seat (alternately by removing and by
    // moving) and take it with a new machine until the service refuses.
    for (let day = 0; day < 60; day++) {
      for (let attempt = 0; attempt < 4; attempt++) {
        const next = fakeMachine();
        const byMoving = (changes + attempt) % 2 === 1;
        const answer: Answer = byMoving
          ? await api.post(`/v1/devices/${device.device.id}/transfer`, registerBody(next), token)
          : await api.request('DELETE', `/v1/devices/${device.device.id}`, { token });
        if (answer.status === 429) {
          refusals++;
          break;
        }
        expect(answer.status, JSON.stringify(answer.body)).toBe(byMoving ? 201 : 204);
        changes++;
        device = byMoving ? (answer.body as typeof device) : await register(api, token, registerBody(next));
        machine = next;
        note(machine, device.lease);
      }
      // The machine on the seat keeps its lease fresh.
      const beat = await api.post(`/v1/devices/${device.device.id}/heartbeat`, heartbeatBody(machine), token);
      note(machine, heartbeatResponseSchema.parse(beat.body).lease);
      clock.advance(DAY);
      token = (await signIn(api, account.email, account.password)).accessToken;
    }

    expect(most).toBeLessThanOrEqual(3 * seats);
    // Two changes in any 30 days: four in sixty days, and the service said no the rest of the time.
    expect(changes).toBeLessThanOrEqual(2 * Math.ceil(60 / 30) * seats);
    expect(refusals).toBeGreaterThan(50);
  });

  it('answers the change after the limit with 429 SEAT_CHANGES_LIMITED, until the oldest counted change is 30 days old', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'reuse-limit');
    let token = account.token;
    let device = (await register(api, token, registerBody(fakeMachine()))).device;
    const firstChangeAt = clock.now().getTime();
    expect((await api.request('DELETE', `/v1/devices/${device.id}`, { token })).status).toBe(204);
    clock.advance(3 * DAY);
    token = (await signIn(api, account.email, account.password)).accessToken;
    device = (await register(api, token, registerBody(fakeMachine()))).device;
    const moved = await api.post(`/v1/devices/${device.id}/transfer`, registerBody(fakeMachine()), token);
    expect(moved.status).toBe(201);
    device = (moved.body as { device: typeof device }).device;

    clock.advance(DAY);
    token = (await signIn(api, account.email, account.password)).accessToken;
    for (const refused of [
      await api.request('DELETE', `/v1/devices/${device.id}`, { token }),
      await api.post(`/v1/devices/${device.id}/transfer`, registerBody(fakeMachine()), token),
    ]) {
      const details = errorDetailsSchemas.SEAT_CHANGES_LIMITED.parse(expectError(refused, 429, 'SEAT_CHANGES_LIMITED'));
      expect(details).toMatchObject({ limit: 2, windowDays: 30, subscriptionId: account.subscription.id });
      // The first change turns 30 days old in 26 days.
      const expected = (firstChangeAt + 30 * DAY - clock.now().getTime()) / 1000;
      expect(Math.abs(details.retryAfterSeconds - expected)).toBeLessThan(5);
      expect(Math.abs(Date.parse(details.retryAt) - (firstChangeAt + 30 * DAY))).toBeLessThan(5_000);
      expect(refused.headers.get('retry-after')).toBe(String(details.retryAfterSeconds));
    }
    // Nothing changed: the device is still on the seat, and the only one there.
    const listed = deviceListSchema.parse((await api.get('/v1/devices', token)).body);
    expect(listed.filter((d) => d.status === 'active').map((d) => d.id)).toEqual([device.id]);

    // Once the first change is 30 days old, one more change is possible, and then no more.
    clock.advance(26 * DAY + 10_000);
    token = (await signIn(api, account.email, account.password)).accessToken;
    expect((await api.request('DELETE', `/v1/devices/${device.id}`, { token })).status).toBe(204);
    const next = (await register(api, token, registerBody(fakeMachine()))).device;
    expectError(await api.request('DELETE', `/v1/devices/${next.id}`, { token }), 429, 'SEAT_CHANGES_LIMITED');
  });

  it('gives a device 7-day leases in its first 30 days and 14-day leases after', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'reuse-lease-term');
    const machine = fakeMachine();
    const { device, lease } = await register(api, account.token, registerBody(machine));
    expect(leaseDays(lease)).toBe(7);
    clock.advance(29 * DAY);
    let token = (await signIn(api, account.email, account.password)).accessToken;
    const beat = async () => heartbeatResponseSchema.parse((await api.post(`/v1/devices/${device.id}/heartbeat`, heartbeatBody(machine), token)).body).lease;
    expect(leaseDays(await beat())).toBe(7);
    clock.advance(2 * DAY);
    token = (await signIn(api, account.email, account.password)).accessToken;
    expect(leaseDays(await beat())).toBe(14);
    // Registering the same machine again is the same device: still 14 days, not a new one's 7.
    const again = await register(api, token, registerBody(machine), 200);
    expect(again.device.id).toBe(device.id);
    expect(leaseDays(again.lease)).toBe(14);
  });
});
