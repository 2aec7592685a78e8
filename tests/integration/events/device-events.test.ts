import { afterEach, describe, expect, it } from 'vitest';
import { accountEventSchema } from '../../../shared/api/events';
import { useService } from '../../support/use-service';
import { fakeMachine, register, registerBody, subscribedAccount } from '../protection/protection-fixture';
import { ofType, type OpenStream, openStream } from './event-stream-client';

const { service, api, smtp } = useService();
const streams: OpenStream[] = [];
afterEach(() => streams.splice(0).forEach((s) => s.close()));
const open = async (token: string | undefined, lastEventId?: string) => {
  const stream = await openStream(service.url, token, lastEventId);
  streams.push(stream);
  return stream;
};

describe('device events', () => {
  it('a device registered, renamed, deactivated and forgotten is told to the account within a second', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'essentials');
    const stream = await open(account.token);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toBe('no-store');
    await stream.next(ofType('ready'));

    const device = await register(api, account.token, registerBody(fakeMachine()));
    const registered = await stream.next(ofType('device.changed'));
    expect(accountEventSchema.parse({ type: registered.event, data: registered.data })).toEqual({ type: 'device.changed', data: { deviceId: device.device.id } });

    expect((await api.patch(`/v1/devices/${device.device.id}`, { name: 'Study' }, account.token)).status).toBe(200);
    expect((await stream.next(ofType('device.changed'))).data).toEqual({ deviceId: device.device.id });

    expect((await api.request('DELETE', `/v1/devices/${device.device.id}`, { token: account.token })).status).toBeLessThan(300);
    const deactivated = await stream.next(ofType('device.deactivated'));
    expect(deactivated.data).toMatchObject({ deviceId: device.device.id });
    expect(accountEventSchema.safeParse({ type: deactivated.event, data: deactivated.data }).success).toBe(true);

    // Deleting a deactivated device forgets it.
    expect((await api.request('DELETE', `/v1/devices/${device.device.id}`, { token: account.token })).status).toBeLessThan(300);
    expect((await stream.next(ofType('device.changed'))).data).toEqual({ deviceId: device.device.id });
  });

  it('moving protection to a new computer tells of the old one deactivated and the new one', async () => {
    const account = await subscribedAccount(api, smtp, service.services.db, 'essentials');
    const old = await register(api, account.token, registerBody(fakeMachine()));
    const stream = await open(account.token);
    await stream.next(ofType('ready'));
    const moved = await api.post(`/v1/devices/${old.device.id}/transfer`, registerBody(fakeMachine()), account.token);
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect((await stream.next(ofType('device.deactivated'))).data).toMatchObject({ deviceId: old.device.id });
    expect((await stream.next(ofType('device.changed'))).data).toEqual({ deviceId: (moved.body as { device: { id: string } }).device.id });
  });
});
