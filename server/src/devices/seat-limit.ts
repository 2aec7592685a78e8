import { toDevice } from './devices';
import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import type { DeviceRow, SubscriptionRow } from '../db/protection-tables';
import { ServiceError } from '../http/service-error';
import { subscriptionNotFound } from '../subscriptions/subscriptions';

/**
 * The seat limit: a subscription never has more active devices than seats, under any
 * concurrency, on PGlite and PostgreSQL.
 *
 * Every write that adds an active device (registration, transfer) runs, in one
 * transaction, `lockSeats`:
 *   1. lock the account's subscription rows (SELECT … FOR UPDATE, in id order). Every
 *      writer that adds devices to an account locks the same rows first, so such writers
 *      run one after another; the lock is held until commit;
 *   2. read the account's active devices. This statement starts after the lock was
 *      granted, so under READ COMMITTED it sees every device the previous writer
 *      committed, and no other writer can add one until we commit;
 * then counts each subscription's devices from that list, checks the seats, and inserts
 * or moves the device. The same list answers the same-machine rule, so two registrations
 * of one machine cannot both miss each other either. Removing a device frees a seat, which
 * needs no lock for this limit, but it is a seat change: it takes the same lock
 * (`lockSubscriptions`) so the seat-change limit (seat-changes.ts) holds under concurrency
 * too. (PGlite runs one transaction at a time anyway.)
 */

/** A subscription locked for a seat change, with its active devices counted. */
export interface SeatedSubscription extends SubscriptionRow {
  used: number;
}

export interface LockedSeats {
  /** The account's subscriptions, latest expiry first. */
  subscriptions: SeatedSubscription[];
  /** The account's active devices: what the count and the same-machine rule need. */
  devices: Pick<DeviceRow, 'id' | 'subscription_id' | 'components'>[];
}

/** The account's active devices, oldest first (an index of their own keeps this to the account's rows). */
export const activeDevices = (db: Db, userId: string) =>
  db
    .selectFrom('devices')
    .select(['id', 'subscription_id', 'components'])
    .where('user_id', '=', userId)
    .where('status', '=', 'active')
    .orderBy('registered_at');

/** Step 1 alone: the account's subscription rows, locked in id order. Seat changes (removals) need no more. */
export const lockSubscriptions = (trx: Db, userId: string) =>
  trx.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).orderBy('id').forUpdate().execute();

export async function lockSeats(trx: Db, userId: string): Promise<LockedSeats> {
  const locked = await lockSubscriptions(trx, userId);
  const devices = await activeDevices(trx, userId).execute();
  const used = new Map<string, number>();
  for (const device of devices) used.set(device.subscription_id, (used.get(device.subscription_id) ?? 0) + 1);
  const subscriptions = locked
    .map((row) => ({ ...row, used: used.get(row.id) ?? 0 }))
    .sort((a, b) => b.expires_at.getTime() - a.expires_at.getTime() || (a.id < b.id ? -1 : 1));
  return { subscriptions, devices };
}

const isExpired = (subscription: Pick<SubscriptionRow, 'expires_at'>, now: Date) => subscription.expires_at.getTime() <= now.getTime();

export const subscriptionExpired = (subscription: Pick<SubscriptionRow, 'id' | 'expires_at'>) =>
  new ServiceError('SUBSCRIPTION_EXPIRED', 'This subscription has ended. Renew it, or choose another subscription.', {
    subscriptionId: subscription.id,
    expiredAt: subscription.expires_at.toISOString(),
  });

/** The named subscription among the locked ones: 404 when not the caller's, 409 when it has ended. */
export function namedSubscription(seated: readonly SeatedSubscription[], id: string, now: Date): SeatedSubscription {
  const subscription = seated.find((s) => s.id === asUuid(id));
  if (!subscription) throw subscriptionNotFound();
  if (isExpired(subscription, now)) throw subscriptionExpired(subscription);
  return subscription;
}

/**
 * The subscription a device goes on when the client names none: `prefer` if it is still
 * running; else the running subscription with a free seat that lasts longest; else the
 * longest-running one, which then answers SEAT_LIMIT_REACHED. With only ended
 * subscriptions it is SUBSCRIPTION_EXPIRED, with none at all a 404.
 */
export function chooseSubscription(seated: readonly SeatedSubscription[], now: Date, prefer?: string): SeatedSubscription {
  const running = seated.filter((s) => !isExpired(s, now));
  const chosen = running.find((s) => s.id === prefer) ?? running.find((s) => s.used < s.seats) ?? running[0];
  if (chosen) return chosen;
  const latest = seated[0];
  if (latest) throw subscriptionExpired(latest);
  throw new ServiceError('NOT_FOUND', 'This account has no subscription yet. Activate a product key first.', {
    reason: 'no_subscription',
  });
}

/**
 * Step 3: `409 SEAT_LIMIT_REACHED` unless `used` (the locked count, less any seat this
 * transaction freed) leaves a seat. The refusal lists the plan's active devices, oldest
 * activity first: the ones a person is likeliest to free.
 */
export async function assertSeatFree(trx: Db, subscription: SeatedSubscription, used = subscription.used): Promise<void> {
  if (used < subscription.seats) return;
  const devices = await trx
    .selectFrom('devices')
    .selectAll()
    .where('subscription_id', '=', subscription.id)
    .where('status', '=', 'active')
    .orderBy('last_seen_at')
    .orderBy('id')
    .execute();
  throw new ServiceError(
    'SEAT_LIMIT_REACHED',
    `All ${subscription.seats} devices of this plan are in use. Remove one to protect this computer.`,
    { subscriptionId: subscription.id, seats: subscription.seats, devices: devices.map(toDevice) },
  );
}
