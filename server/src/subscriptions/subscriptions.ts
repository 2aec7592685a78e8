import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import {
  addYears,
  extendedExpiry,
  type KeyPreview,
  type Subscription,
  subscriptionStatus,
} from '../../../shared/api/subscriptions';
import { planName, planSeats } from '../../../shared/plans';
import { PRODUCT_KEY_GROUP_LENGTH } from '../../../shared/product-key';
import type { Db } from '../db/database';
import type { SubscriptionRow } from '../db/protection-tables';
import { ServiceError } from '../http/service-error';
import { asUuid } from '../db/ids';
import { hashProductKey } from './product-keys';
import { recordAccountEvent } from '../events/account-events';

/** `expiresAt` is `now` plus whole calendar years (a key bought on 29 February ends on 1 March). */
export { addYears };

export function toSubscription(
  row: SubscriptionRow,
  seatsUsed: number,
  now: Date,
  keyLastGroup?: string | null,
): Subscription {
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
    ...(keyLastGroup && { keyLastGroup }),
    // Filled from the billing columns once migration 0013 lands.
    paymentMethodId: null,
    renewsAt: null,
    renewal: null,
    termYears: 1,
  };
}

/** The account's subscriptions with their active-device counts, latest expiry first. */
export async function listSubscriptions(db: Db, userId: string, now: Date): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('subscriptions as s')
    .selectAll('s')
    .select(
      sql<number>`(select count(*)::int from devices d where d.subscription_id = s.id and d.status = 'active')`.as(
        'seats_used',
      ),
    )
    .select(
      sql<
        string | null
      >`(select k.last_group from product_keys k where k.subscription_id = s.id order by k.used_at desc limit 1)`.as(
        'key_last_group',
      ),
    )
    .where('s.user_id', '=', userId)
    .orderBy('s.expires_at', 'desc')
    .orderBy('s.id')
    .execute();
  return rows.map(({ seats_used, key_last_group, ...row }) =>
    toSubscription(row, Number(seats_used), now, key_last_group),
  );
}

export async function getSubscription(db: Db, userId: string, id: string, now: Date): Promise<Subscription> {
  const found = (await listSubscriptions(db, userId, now)).find((s) => s.id === asUuid(id));
  if (!found) throw subscriptionNotFound();
  return found;
}

export const subscriptionNotFound = () =>
  new ServiceError('NOT_FOUND', 'There is no such subscription on this account.');

const lastGroupOf = (canonicalKey: string) => canonicalKey.slice(-PRODUCT_KEY_GROUP_LENGTH);

const keyAlreadyUsed = () =>
  new ServiceError('KEY_ALREADY_USED', 'This product key has already been activated. Each key works once.');
const keyUnknown = () =>
  new ServiceError('KEY_UNKNOWN', 'We do not know this product key. Check it against your receipt or card.');

/** What a key would add, without spending it: asked first, so the person can choose to extend. */
export async function previewProductKey(db: Db, key: string): Promise<KeyPreview> {
  const found = await db
    .selectFrom('product_keys')
    .select(['plan', 'term_years', 'used_at'])
    .where('key_hash', '=', hashProductKey(key))
    .executeTakeFirst();
  if (!found) throw keyUnknown();
  if (found.used_at !== null) throw keyAlreadyUsed();
  return { plan: found.plan, planName: planName(found.plan), termYears: found.term_years };
}

/**
 * Spends a product key (canonical form) and starts its subscription (now until now plus the
 * key's term) or, with `extendSubscriptionId`, adds the term to that subscription of the
 * account, from the later of now and its expiry. The conditional update makes a key
 * single-use even when two requests race: PostgreSQL re-checks `used_at is null` after the
 * first commits, so one wins. Run inside a transaction, so the key is never spent without
 * its subscription, nor by an extension that is refused.
 */
export async function activateProductKey(
  trx: Db,
  input: { userId: string; key: string; now: Date; extendSubscriptionId?: string | undefined },
): Promise<Subscription> {
  const keyHash = hashProductKey(input.key);
  const spent = await trx
    .updateTable('product_keys')
    .set({ used_at: input.now, used_by: input.userId, last_group: lastGroupOf(input.key) })
    .where('key_hash', '=', keyHash)
    .where('used_at', 'is', null)
    .returning(['plan', 'term_years'])
    .executeTakeFirst();
  if (!spent) {
    const known = await trx
      .selectFrom('product_keys')
      .select('key_hash')
      .where('key_hash', '=', keyHash)
      .executeTakeFirst();
    throw known ? keyAlreadyUsed() : keyUnknown();
  }
  const subscriptionId =
    input.extendSubscriptionId === undefined
      ? await startSubscription(trx, {
          userId: input.userId,
          plan: spent.plan,
          termYears: spent.term_years,
          now: input.now,
        })
      : await extendSubscription(trx, {
          userId: input.userId,
          id: input.extendSubscriptionId,
          plan: spent.plan,
          termYears: spent.term_years,
          now: input.now,
        });
  await trx
    .updateTable('product_keys')
    .set({ subscription_id: subscriptionId })
    .where('key_hash', '=', keyHash)
    .execute();
  await recordAccountEvent(trx, input.userId, { type: 'subscription.changed', data: { subscriptionId } }, input.now);
  return getSubscription(trx, input.userId, subscriptionId, input.now);
}

async function startSubscription(
  trx: Db,
  input: { userId: string; plan: SubscriptionRow['plan']; termYears: number; now: Date },
): Promise<string> {
  const row: SubscriptionRow = {
    id: randomUUID(),
    user_id: input.userId,
    plan: input.plan,
    seats: planSeats(input.plan),
    starts_at: input.now,
    expires_at: addYears(input.now, input.termYears),
    auto_renew: false,
    created_at: input.now,
  };
  await trx.insertInto('subscriptions').values(row).execute();
  return row.id;
}

/**
 * `for update` holds the subscription's row until the transaction ends, so two keys that
 * extend it at once add their terms one after the other instead of both from the old expiry.
 * Another account's subscription answers 404, as if it did not exist.
 */
async function extendSubscription(
  trx: Db,
  input: { userId: string; id: string; plan: SubscriptionRow['plan']; termYears: number; now: Date },
): Promise<string> {
  const target = await trx
    .selectFrom('subscriptions')
    .select(['id', 'plan', 'expires_at'])
    .where('id', '=', asUuid(input.id))
    .where('user_id', '=', input.userId)
    .forUpdate()
    .executeTakeFirst();
  if (!target) throw subscriptionNotFound();
  if (target.plan !== input.plan) {
    throw new ServiceError(
      'PLAN_MISMATCH',
      `This key is for ${planName(input.plan)}; it cannot extend a ${planName(target.plan)} subscription.`,
      {
        keyPlan: input.plan,
        subscriptionPlan: target.plan,
        subscriptionId: target.id,
      },
    );
  }
  await trx
    .updateTable('subscriptions')
    .set({ expires_at: extendedExpiry(target.expires_at, input.termYears, input.now) })
    .where('id', '=', target.id)
    .execute();
  return target.id;
}

/** Turning auto-renew off keeps access to the end of the term: only the flag changes. */
export async function setAutoRenew(
  db: Db,
  input: { userId: string; id: string; autoRenew: boolean; now: Date },
): Promise<Subscription> {
  // The switch and its subscription.changed event together.
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('subscriptions')
      .set({ auto_renew: input.autoRenew })
      .where('id', '=', asUuid(input.id))
      .where('user_id', '=', input.userId)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw subscriptionNotFound();
    await recordAccountEvent(trx, input.userId, { type: 'subscription.changed', data: { subscriptionId: updated.id } }, input.now);
  });
  return getSubscription(db, input.userId, input.id, input.now);
}
