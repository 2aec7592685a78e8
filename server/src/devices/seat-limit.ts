import { sql } from 'kysely';
import { toDevice } from './devices';
import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import type { SubscriptionRow } from '../db/protection-tables';
import { ServiceError } from '../http/service-error';
import { subscriptionNotFound } from '../subscriptions/subscriptions';

/**
 * The seat limit: a subscription never has more active devices than seats, under any
 * concurrency. Every write that adds a device to a subscription runs, in one transaction:
 * `lockSubscription` (SELECT … FOR UPDATE on the subscription row), then
 * `assertSeatFree` (count its active devices), then the insert or move. A second writer
 * for the same subscription waits at the lock until the first commits, and then counts
 * the first one's device. Removing a device only frees a seat and needs no lock.
 */

/**
 * Serialises the writes that create or move devices of one account, so that two
 * registrations of the same machine cannot both miss each other and take two seats.
 * FOR NO KEY UPDATE leaves foreign-key checks (sign-ins adding sessions) unblocked.
 */
export async function lockAccount(trx: Db, userId: string): Promise<void> {
  await trx.selectFrom('users').select('id').where('id', '=', userId).forNoKeyUpdate().executeTakeFirstOrThrow();
}

const isExpired = (subscription: Pick<SubscriptionRow, 'expires_at'>, now: Date) => subscription.expires_at.getTime() <= now.getTime();

export const subscriptionExpired = (subscription: Pick<SubscriptionRow, 'id' | 'expires_at'>) =>
  new ServiceError(409, 'SUBSCRIPTION_EXPIRED', 'This subscription has ended. Renew it, or choose another subscription.', {
    subscriptionId: subscription.id,
    expiredAt: subscription.expires_at.toISOString(),
  });

/** Locks the account's subscription for a seat change; 404 when not the caller's, 409 when it has ended. */
export async function lockSubscription(trx: Db, input: { userId: string; subscriptionId: string; now: Date }): Promise<SubscriptionRow> {
  const subscription = await trx
    .selectFrom('subscriptions')
    .selectAll()
    .where('id', '=', asUuid(input.subscriptionId))
    .where('user_id', '=', input.userId)
    .forUpdate()
    .executeTakeFirst();
  if (!subscription) throw subscriptionNotFound();
  if (isExpired(subscription, input.now)) throw subscriptionExpired(subscription);
  return subscription;
}

/** `409 SEAT_LIMIT_REACHED` unless the locked subscription has a free seat. */
export async function assertSeatFree(trx: Db, subscription: SubscriptionRow): Promise<void> {
  const { used } = await trx
    .selectFrom('devices')
    .select(sql<number>`count(*)::int`.as('used'))
    .where('subscription_id', '=', subscription.id)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  if (Number(used) < subscription.seats) return;
  // The plan's devices, oldest activity first: the ones a person is likeliest to free.
  const devices = await trx
    .selectFrom('devices')
    .selectAll()
    .where('subscription_id', '=', subscription.id)
    .where('status', '=', 'active')
    .orderBy('last_seen_at')
    .orderBy('id')
    .execute();
  throw new ServiceError(
    409,
    'SEAT_LIMIT_REACHED',
    `All ${subscription.seats} devices of this plan are in use. Remove one to protect this computer.`,
    { subscriptionId: subscription.id, seats: subscription.seats, devices: devices.map(toDevice) },
  );
}

/**
 * The subscription a new device goes on when the client names none: `prefer` if it is
 * still running; else the running subscription with a free seat that lasts longest; else
 * the longest-running one, which then answers SEAT_LIMIT_REACHED. With only ended
 * subscriptions it is SUBSCRIPTION_EXPIRED, with none at all a 404.
 */
export async function chooseSubscription(trx: Db, input: { userId: string; now: Date; prefer?: string | undefined }): Promise<string> {
  const subscriptions = await trx
    .selectFrom('subscriptions as s')
    .select(['s.id', 's.seats', 's.expires_at'])
    .select(sql<number>`(select count(*)::int from devices d where d.subscription_id = s.id and d.status = 'active')`.as('used'))
    .where('s.user_id', '=', input.userId)
    .orderBy('s.expires_at', 'desc')
    .orderBy('s.id')
    .execute();
  const running = subscriptions.filter((s) => !isExpired(s, input.now));
  const preferred = running.find((s) => s.id === input.prefer);
  const chosen = preferred ?? running.find((s) => Number(s.used) < s.seats) ?? running[0];
  if (chosen) return chosen.id;
  const latest = subscriptions[0];
  if (latest) throw subscriptionExpired(latest);
  throw new ServiceError(404, 'NOT_FOUND', 'This account has no subscription yet. Activate a product key first.', {
    reason: 'no_subscription',
  });
}
