import { afterEach, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { addCard } from '../billing/billing-fixture';
import { signedInAccount, subscribedAccount } from '../protection/protection-fixture';
import { ofType, type OpenStream, openStream } from './event-stream-client';

// An account's stream must never show what happens in another account.
const { service, api, smtp } = useService();
const streams: OpenStream[] = [];
afterEach(() => streams.splice(0).forEach((s) => s.close()));

it("never carries another account's events", async () => {
  const watcher = await signedInAccount(api, smtp, 'events-watcher');
  const stream = await openStream(service.url, watcher.token);
  streams.push(stream);
  await stream.next(ofType('ready'));
  const other = await subscribedAccount(api, smtp, service.services.db, 'essentials', 'events-other');
  await addCard(api, other.token); // automatic renewal needs a card to charge
  expect((await api.patch(`/v1/subscriptions/${other.subscription.id}`, { autoRenew: true }, other.token)).status).toBe(200);
  // The other account's own stream hears of it; the watcher's, given the same time, does not.
  const otherStream = await openStream(service.url, other.token, '0-' + Date.now());
  streams.push(otherStream);
  await otherStream.next(ofType('subscription.changed'));
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(stream.messages.filter((m) => m.event !== 'ready' && m.comment === undefined)).toEqual([]);
});
