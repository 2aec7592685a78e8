import { afterEach, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { fakeMachine, register, registerBody, subscribedAccount } from '../protection/protection-fixture';
import { MINUTE, movableClock, signIn } from '../server/http';
import { ofType, type OpenStream, openStream } from './event-stream-client';

const clock = movableClock();
const { service, api, smtp } = useService({ now: clock.now });
const streams: OpenStream[] = [];
afterEach(() => streams.splice(0).forEach((s) => s.close()));
const open = async (token: string, lastEventId?: string) => {
  const stream = await openStream(service.url, token, lastEventId);
  streams.push(stream);
  return stream;
};

it('a client that reconnects with Last-Event-ID gets what it missed, in order, then ready', async () => {
  const account = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'events-replay');
  const first = await open(account.token);
  const ready = await first.next(ofType('ready'));
  first.close();

  const device = await register(api, account.token, registerBody(fakeMachine()));
  expect((await api.patch(`/v1/devices/${device.device.id}`, { name: 'Study' }, account.token)).status).toBe(200);

  const again = await open(account.token, ready.id);
  const missed = [await again.next(), await again.next()];
  expect(missed.map((m) => [m.event, m.data])).toEqual([
    ['device.changed', { deviceId: device.device.id }],
    ['device.changed', { deviceId: device.device.id }],
  ]);
  expect(Number(missed[1]!.id!.split('-')[0])).toBeGreaterThan(Number(missed[0]!.id!.split('-')[0]));
  const live = await again.next();
  expect(live).toMatchObject({ event: 'ready', data: { replayed: 2 } });

  // From the last replayed event on, nothing is sent twice.
  const third = await open(account.token, missed[1]!.id);
  expect(await third.next()).toMatchObject({ event: 'ready', data: { replayed: 0 } });
});

it('an id older than what is kept, or not one the service made, gets reset: reload everything', async () => {
  const account = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'events-reset');
  const first = await open(account.token);
  const ready = await first.next(ofType('ready'));
  first.close();
  await register(api, account.token, registerBody(fakeMachine()));

  const garbled = await open(account.token, 'yesterday');
  expect(await garbled.next()).toMatchObject({ event: 'reset', data: { reason: 'not_recognised' } });

  clock.advance(61 * MINUTE);
  // An hour on, the access token has expired too: sign in again.
  const token = (await signIn(api, account.email, account.password)).accessToken;
  const late = await open(token, ready.id);
  const reset = await late.next();
  expect(reset).toMatchObject({ event: 'reset', data: { reason: 'too_old' } });
  // The reset's id is where the stream stands now: reconnecting with it replays nothing.
  const after = await open(token, reset.id);
  expect(await after.next()).toMatchObject({ event: 'ready', data: { replayed: 0 } });

  // Expired events are cleaned, a bounded batch at a time.
  expect(await service.services.events.clean()).toBeGreaterThan(0);
  const left = await service.services.db
    .selectFrom('account_events')
    .select('seq')
    .where('created_at', '<', new Date(clock.now().getTime() - 60 * MINUTE))
    .execute();
  expect(left).toEqual([]);
});
