import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { type Subscription, subscriptionStatus } from '../../../shared/api/subscriptions';
import { planName, planSeats } from '../../../shared/plans';
import type { Db } from '../db/database';
import type { SubscriptionRow } from '../db/protection-tables';
import { ServiceError } from '../http/service-error';
import { asUuid } from '../db/ids';
import { hashProductKey } from './product-keys';

/** `expiresAt` is `now` plus whole calendar years (a key bought on 29 February ends on 1 March). */
export function addYears(date: Date, years: number): Date {
  const end = new Date(date);
  end.setUTCFullYear(end.getUTCFullYear() + years);
  return end;
}

export function toSubscription(row: SubscriptionRow, seatsUsed: number, now: Date): Subscription {
  return {
    id: row.id,
    plan: row.plan,
    planName: planName(row.plan),
    seats: row.seats,
    seatsUsed,
    status: subscriptionStatus(row.expires_at, now),
    startsAt: row.starts_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    autoRenew: row.auto_renew,
  };
}

/** The account's subscriptions with their active-device counts, latest expiry first. */
export async function listSubscriptions(db: Db, userId: string, now: Date): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('subscriptions as s')
    .selectAll('s')
    .select(
      sql<number>`(select count(*)::int from devices d where d.subscription_id = s.id and d.status = 'active')`.as('seats_used'),
    )
    .where('s.user_id', '=', userId)
    .orderBy('s.expires_at', 'desc')
    .orderBy('s.id')
    .execute();
  return rows.map(({ seats_used, ...row }) => toSubscription(row, Number(seats_used), now));
}

export async function getSubscription(db: Db, userId: string, id: string, now: Date): Promise<Subscription> {
  const found = (await listSubscriptions(db, userId, now)).find((s) => s.id === asUuid(id));
  if (!found) throw subscriptionNotFound();
  return found;
}

export const subscriptionNotFound = () =>
  new ServiceError('NOT_FOUND', 'There is no such subscription on this account.');

/**
 * Spends a product key (canonical form) and starts its subscription: now until now plus
 * the key's term. The conditional update makes a key single-use even when two requests
 * race: PostgreSQL re-checks `used_at is null` after the first commits, so one wins.
 * Run inside a transaction, so the key is never spent without its subscription.
 */
export async function activateProductKey(trx: Db, input: { userId: string; key: string; now: Date }): Promise<Subscription> {
  const keyHash = hashProductKey(input.key);
  const spent = await trx
    .updateTable('product_keys')
    .set({ used_at: input.now, used_by: input.userId })
    .where('key_hash', '=', keyHash)
    .where('used_at', 'is', null)
    .returning(['plan', 'term_years'])
    .executeTakeFirst();
  if (!spent) {
    const known = await trx.selectFrom('product_keys').select('key_hash').where('key_hash', '=', keyHash).executeTakeFirst();
    throw known
      ? new ServiceError('KEY_ALREADY_USED', 'This product key has already been activated. Each key works once.')
      : new ServiceError('KEY_UNKNOWN', 'We do not know this product key. Check it against your receipt or card.');
  }
  const row: SubscriptionRow = {
    id: randomUUID(),
    user_id: input.userId,
    plan: spent.plan,
    seats: planSeats(spent.plan),
    starts_at: input.now,
    expires_at: addYears(input.now, spent.term_years),
    auto_renew: false,
    created_at: input.now,
  };
  await trx.insertInto('subscriptions').values(row).execute();
  await trx.updateTable('product_keys').set({ subscription_id: row.id }).where('key_hash', '=', keyHash).execute();
  return toSubscription(row, 0, input.now);
}

/** Turning auto-renew off keeps access to the end of the term: only the flag changes. */
export async function setAutoRenew(db: Db, input: { userId: string; id: string; autoRenew: boolean; now: Date }): Promise<Subscription> {
  const updated = await db
    .updateTable('subscriptions')
    .set({ auto_renew: input.autoRenew })
    .where('id', '=', asUuid(input.id))
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) throw subscriptionNotFound();
  return getSubscription(db, input.userId, input.id, input.now);
}
