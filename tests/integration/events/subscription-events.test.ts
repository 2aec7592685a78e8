import { afterEach, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { addCard } from '../billing/billing-fixture';
import { mintKeys, signedInAccount } from '../protection/protection-fixture';
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

  // Automatic renewal needs a card to charge.
  await addCard(api, account.token);
  expect((await api.patch(`/v1/subscriptions/${subscriptionId}`, { autoRenew: true }, account.token)).status).toBe(200);
  expect((await stream.next(ofType('subscription.changed'))).data).toEqual({ subscriptionId });
});
