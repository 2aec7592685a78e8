import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DeclineReason } from '../../../shared/api/billing';
import {
  addYears,
  extendedExpiry,
  type KeyPreview,
  RENEWAL_DAYS_BEFORE_EXPIRY,
  type Renewal,
  type Subscription,
  subscriptionStatus,
} from '../../../shared/api/subscriptions';
import type { CardBrand } from '../../../shared/payment-card';
import { DEFAULT_BILLING_CURRENCY } from '../billing/billing-currency';
import { priceOf, renewableTerm } from '../billing/plan-prices';
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

/** What a subscription row carries of its card, joined by `listSubscriptions`. */
interface RenewalCard {
  card_id: string | null;
  card_brand: CardBrand | null;
  card_last4: string | null;
}

export function toSubscription(
  row: SubscriptionRow,
  seatsUsed: number,
  now: Date,
  keyLastGroup?: string | null,
  billing: { currency: string; card?: RenewalCard } = { currency: DEFAULT_BILLING_CURRENCY },
): Subscription {
  const renewal = renewalOf(row, now, billing.currency, billing.card);
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
    paymentMethodId: row.payment_method_id,
    renewsAt: renewal?.at ?? null,
    renewal,
    termYears: row.term_years,
  };
}

/**
 * The next automatic charge: 7 days before the expiry, or a day after the last one that
 * failed; none when automatic renewal is off or the subscription has already expired.
 */
function renewalOf(row: SubscriptionRow, now: Date, currency: string, card: RenewalCard | undefined): Renewal | null {
  if (!row.auto_renew || row.expires_at.getTime() <= now.getTime()) return null;
  const termYears = renewableTerm(row.term_years);
  return {
    at: chargeDueAt(row).toISOString(),
    termYears,
    amount: priceOf(row.plan, termYears),
    currency,
    paymentMethod:
      card?.card_id && card.card_brand && card.card_last4 ? { id: card.card_id, brand: card.card_brand, last4: card.card_last4 } : null,
    ...(row.renewal_declined_at &&
      row.renewal_decline_reason && {
        lastDecline: { at: row.renewal_declined_at.toISOString(), reason: row.renewal_decline_reason as DeclineReason },
      }),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** When automatic renewal charges next: 7 days before the expiry, and at most once a day after a decline. */
export function chargeDueAt(row: Pick<SubscriptionRow, 'expires_at' | 'renewal_declined_at'>): Date {
  const due = row.expires_at.getTime() - RENEWAL_DAYS_BEFORE_EXPIRY * DAY_MS;
  const retry = row.renewal_declined_at ? row.renewal_declined_at.getTime() + DAY_MS : 0;
  return new Date(Math.max(due, retry));
}

/** The account's subscriptions with their active-device counts and renewal, latest expiry first. */
export async function listSubscriptions(db: Db, userId: string, now: Date, currency = DEFAULT_BILLING_CURRENCY): Promise<Subscription[]> {
  const rows = await db
    .selectFrom('subscriptions as s')
    .leftJoin('payment_methods as pm', 'pm.id', 's.payment_method_id')
    .selectAll('s')
    .select(['pm.id as card_id', 'pm.brand as card_brand', 'pm.last4 as card_last4'])
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
  return rows.map(({ seats_used, key_last_group, card_id, card_brand, card_last4, ...row }) =>
    toSubscription(row, Number(seats_used), now, key_last_group, { currency, card: { card_id, card_brand, card_last4 } }),
  );
}

export async function getSubscription(
  db: Db,
  userId: string,
  id: string,
  now: Date,
  currency = DEFAULT_BILLING_CURRENCY,
): Promise<Subscription> {
  const found = (await listSubscriptions(db, userId, now, currency)).find((s) => s.id === asUuid(id));
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
  input: { userId: string; key: string; now: Date; extendSubscriptionId?: string | undefined; currency?: string },
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
  return getSubscription(trx, input.userId, subscriptionId, input.now, input.currency);
}

async function startSubscription(
  trx: Db,
  input: { userId: string; plan: SubscriptionRow['plan']; termYears: number; now: Date },
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('subscriptions')
    .values({
      id,
      user_id: input.userId,
      plan: input.plan,
      seats: planSeats(input.plan),
      starts_at: input.now,
      expires_at: addYears(input.now, input.termYears),
      auto_renew: false,
      created_at: input.now,
      term_years: input.termYears,
    })
    .execute();
  return id;
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
    .set({ expires_at: extendedExpiry(target.expires_at, input.termYears, input.now), term_years: input.termYears })
    .where('id', '=', target.id)
    .execute();
  return target.id;
}
