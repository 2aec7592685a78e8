import { afterEach, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { mintKeys, signedInAccount, subscribedAccount } from '../protection/protection-fixture';
import { ofType, type OpenStream, openStream } from './event-stream-client';

const { service, api, smtp } = useService();
const streams: OpenStream[] = [];
afterEach(() => streams.splice(0).forEach((s) => s.close()));

it('a subscription activated, extended and switched to renew itself is told to the account within a second', async () => {
  const account = await signedInAccount(api, smtp, 'events-subscription');
  const stream = await openStream(service.url, account.token);
  streams.push(stream);
  await stream.next(ofType('ready'));

  const [first, second] = await mintKeys(service.services.db, 'essentials', 2);
  const activated = await api.post('/v1/subscriptions/activate', { productKey: first }, account.token);
  expect(activated.status).toBe(201);
  const subscriptionId = (activated.body as { id: string }).id;
  expect((await stream.next(ofType('subscription.changed'))).data).toEqual({ subscriptionId });

  const extended = await api.post('/v1/subscriptions/activate', { productKey: second, extendSubscriptionId: subscriptionId }, account.token);
  expect(extended.status, JSON.stringify(extended.body)).toBeLessThan(300);
  expect((await stream.next(ofType('subscription.changed'))).data).toEqual({ subscriptionId });

  expect((await api.patch(`/v1/subscriptions/${subscriptionId}`, { autoRenew: true }, account.token)).status).toBe(200);
  expect((await stream.next(ofType('subscription.changed'))).data).toEqual({ subscriptionId });
});

it("never carries another account's events", async () => {
  const watcher = await signedInAccount(api, smtp, 'events-watcher');
  const stream = await openStream(service.url, watcher.token);
  streams.push(stream);
  await stream.next(ofType('ready'));
  const other = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'events-other');
  expect((await api.patch(`/v1/subscriptions/${other.subscription.id}`, { autoRenew: true }, other.token)).status).toBe(200);
  // The other account's own stream hears of it; the watcher's, given the same time, does not.
  const otherStream = await openStream(service.url, other.token, '0-' + Date.now());
  streams.push(otherStream);
  await otherStream.next(ofType('subscription.changed'));
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(stream.messages.filter((m) => m.event !== 'ready' && m.comment === undefined)).toEqual([]);
});
