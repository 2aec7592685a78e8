import { sql } from 'kysely';
import type { DeclineReason } from '../../../shared/api/billing';
import { RENEWAL_DAYS_BEFORE_EXPIRY } from '../../../shared/api/subscriptions';
import type { Db } from '../db/database';
import type { SubscriptionRow } from '../db/protection-tables';
import { recordAccountEvent } from '../events/account-events';
import type { Job } from '../jobs/job';
import { protectionEndedMail, reminderMail, renewalDeclinedMail } from '../mail/billing-mails';
import { queueMail } from '../mail/outbox';
import { chargeAutomaticRenewal, recipientOf } from '../subscriptions/renewal';
import { priceOf, renewableTerm } from './plan-prices';
import { paymentsProvider } from './sandbox-payments';
import type { PaymentMethodRow } from './billing-tables';
import { chargeDueAt } from '../subscriptions/subscriptions';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Pieces of work one look does at most per job; the next look goes on. */
const PER_LOOK = 500;
/** An end of protection older than this is not e-mailed any more (a restored old database, say). */
const ENDED_NOTICE_WITHIN_MS = 7 * DAY_MS;

/**
 * Each job claims one subscription at a time: the row is locked `FOR UPDATE SKIP LOCKED`
 * and what the job did is written to it in the same transaction, so the next look (of
 * this or any other process) no longer finds it due. Three `jobs run` at once share the
 * work; none charges or mails a subscription twice.
 */
async function eachClaimed(
  db: Db,
  due: (trx: Db) => Promise<SubscriptionRow | undefined>,
  work: (trx: Db, row: SubscriptionRow) => Promise<string>,
): Promise<string[]> {
  const lines: string[] = [];
  for (let i = 0; i < PER_LOOK; i++) {
    const line = await db.transaction().execute(async (trx) => {
      const row = await due(trx);
      return row ? work(trx, row) : undefined;
    });
    if (line === undefined) break;
    lines.push(line);
  }
  return lines;
}

async function cardFor(trx: Db, row: SubscriptionRow): Promise<PaymentMethodRow | undefined> {
  const query = trx.selectFrom('payment_methods').selectAll().where('user_id', '=', row.user_id);
  return (
    (row.payment_method_id ? await query.where('id', '=', row.payment_method_id).executeTakeFirst() : undefined) ??
    (await query.where('is_default', '=', true).executeTakeFirst())
  );
}

/** Automatic renewal: due 7 days before the expiry, and at most once a day after a decline, until the expiry. */
export const automaticRenewalJob: Job = {
  name: 'billing.automatic-renewal',
  claim: 'items',
  async run({ db, now, config }) {
    const ctx = { payments: paymentsProvider, currency: config.billingCurrency, now };
    return eachClaimed(
      db,
      (trx) =>
        trx
          .selectFrom('subscriptions')
          .selectAll()
          .where('auto_renew', '=', true)
          .where('expires_at', '>', now)
          .where('expires_at', '<=', new Date(now.getTime() + RENEWAL_DAYS_BEFORE_EXPIRY * DAY_MS))
          .where((eb) => eb.or([eb('renewal_declined_at', 'is', null), eb('renewal_declined_at', '<=', new Date(now.getTime() - DAY_MS))]))
          .orderBy('expires_at')
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst(),
      async (trx, row) => {
        const to = await recipientOf(trx, row.user_id);
        const card = await cardFor(trx, row);
        if (!card) {
          // Nothing to charge: told as a decline, and tried again tomorrow (a card may be added).
          await markDeclined(trx, row, 'card_declined', now);
          return `${automaticRenewalJob.name}: ${row.id} has no card`;
        }
        const result = await chargeAutomaticRenewal(trx, ctx, row, card);
        if (result.ok) return `${automaticRenewalJob.name}: ${row.id} renewed, invoice ${result.invoiceNumber}`;
        await queueMail(
          trx,
          renewalDeclinedMail(to, { plan: row.plan, expiresAt: row.expires_at, reason: result.reason, amount: result.amount, currency: ctx.currency, card }),
          now,
        );
        return `${automaticRenewalJob.name}: ${row.id} declined (${result.reason})`;
      },
    );
  },
};

async function markDeclined(trx: Db, row: SubscriptionRow, reason: DeclineReason, now: Date): Promise<void> {
  await trx.updateTable('subscriptions').set({ renewal_declined_at: now, renewal_decline_reason: reason }).where('id', '=', row.id).execute();
  await recordAccountEvent(trx, row.user_id, { type: 'subscription.changed', data: { subscriptionId: row.id } }, now);
}

/**
 * Reminders 30 and 7 days before the expiry, once each per term (the expiry each was sent
 * for is kept). One that comes late, inside the 7 days, sends only the 7-day one.
 */
export const renewalRemindersJob: Job = {
  name: 'billing.reminders',
  claim: 'items',
  async run({ db, now, config }) {
    const in7 = new Date(now.getTime() + 7 * DAY_MS);
    const in30 = new Date(now.getTime() + 30 * DAY_MS);
    return eachClaimed(
      db,
      (trx) =>
        trx
          .selectFrom('subscriptions')
          .selectAll()
          .where('expires_at', '>', now)
          .where((eb) =>
            eb.or([
              eb.and([eb('expires_at', '<=', in7), sql<boolean>`reminded_7_for is distinct from expires_at`]),
              eb.and([eb('expires_at', '<=', in30), sql<boolean>`reminded_30_for is distinct from expires_at`]),
            ]),
          )
          .orderBy('expires_at')
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst(),
      async (trx, row) => {
        const seven = row.expires_at.getTime() <= in7.getTime();
        await trx
          .updateTable('subscriptions')
          .set(seven ? { reminded_7_for: row.expires_at, reminded_30_for: row.expires_at } : { reminded_30_for: row.expires_at })
          .where('id', '=', row.id)
          .execute();
        const to = await recipientOf(trx, row.user_id);
        const card = row.auto_renew ? await cardFor(trx, row) : undefined;
        const termYears = renewableTerm(row.term_years);
        const due = chargeDueAt(row);
        await queueMail(
          trx,
          reminderMail(to, {
            plan: row.plan,
            expiresAt: row.expires_at,
            days: Math.ceil((row.expires_at.getTime() - now.getTime()) / DAY_MS),
            renewal: card
              ? { chargeAt: due.getTime() < now.getTime() ? now : due, termYears, amount: priceOf(row.plan, termYears), currency: config.billingCurrency, card }
              : null,
          }),
          now,
        );
        return `${renewalRemindersJob.name}: ${row.id} reminded ${seven ? 7 : 30} days before`;
      },
    );
  },
};

/** The end of protection, e-mailed once per expiry. */
export const protectionEndedJob: Job = {
  name: 'billing.protection-ended',
  claim: 'items',
  async run({ db, now }) {
    return eachClaimed(
      db,
      (trx) =>
        trx
          .selectFrom('subscriptions')
          .selectAll()
          .where('expires_at', '<=', now)
          .where('expires_at', '>', new Date(now.getTime() - ENDED_NOTICE_WITHIN_MS))
          .where(sql<boolean>`ended_notice_for is distinct from expires_at`)
          .orderBy('expires_at')
          .limit(1)
          .forUpdate()
          .skipLocked()
          .executeTakeFirst(),
      async (trx, row) => {
        await trx.updateTable('subscriptions').set({ ended_notice_for: row.expires_at }).where('id', '=', row.id).execute();
        await queueMail(trx, protectionEndedMail(await recipientOf(trx, row.user_id), { plan: row.plan, expiresAt: row.expires_at }), now);
        await recordAccountEvent(trx, row.user_id, { type: 'subscription.changed', data: { subscriptionId: row.id } }, now);
        return `${protectionEndedJob.name}: ${row.id} ended`;
      },
    );
  },
};

/** In the order a look runs them: a renewal first, so a renewed subscription is not reminded. */
export const billingJobs: readonly Job[] = [automaticRenewalJob, renewalRemindersJob, protectionEndedJob];
