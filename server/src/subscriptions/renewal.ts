import { createHash, randomUUID } from 'node:crypto';
import type { DeclineReason, InvoiceKind, TermYears } from '../../../shared/api/billing';
import {
  type ChargedChange,
  extendedExpiry,
  type Subscription,
  type UpgradeOptions,
} from '../../../shared/api/subscriptions';
import { type PlanId, planName, planSeats, plans } from '../../../shared/plans';
import type { PaymentMethodRow } from '../billing/billing-tables';
import { cardExpired } from '../billing/card-facts';
import { invoicePdf } from '../billing/invoice-pdf';
import { issueInvoice, toInvoice } from '../billing/invoices';
import { paymentMethodOf } from '../billing/payment-methods';
import type { PaymentsPort } from '../billing/payments-port';
import { biggerPlans, priceOf, renewableTerm } from '../billing/plan-prices';
import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import type { SubscriptionRow } from '../db/protection-tables';
import { recordAccountEvent } from '../events/account-events';
import { errorBody, ServiceError } from '../http/service-error';
import type { WriteResult } from '../idempotency/idempotent-write';
import { autoRenewOffMail, autoRenewOnMail, receiptMail } from '../mail/billing-mails';
import type { Recipient } from '../mail/mail-layout';
import { queueMail } from '../mail/outbox';
import { chargeDueAt, getSubscription, subscriptionNotFound } from './subscriptions';

/** What charging needs besides the database: the provider, the currency, the time. */
export interface BillingContext {
  payments: PaymentsPort;
  currency: string;
  now: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The subscription's row, locked until the transaction ends: charges on it go one at a time. */
export async function lockedSubscription(trx: Db, userId: string, id: string): Promise<SubscriptionRow> {
  const row = await trx
    .selectFrom('subscriptions')
    .selectAll()
    .where('id', '=', asUuid(id))
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw subscriptionNotFound();
  return row;
}

export async function recipientOf(db: Db, userId: string): Promise<Recipient> {
  const user = await db.selectFrom('users').select(['email', 'name', 'language']).where('id', '=', userId).executeTakeFirstOrThrow();
  return { email: user.email, name: user.name, language: user.language };
}

export type ChargeOutcome = { ok: true; attemptId: string } | { ok: false; attemptId: string; reason: DeclineReason };

/**
 * Asks the provider for the money and records the attempt, whatever it answers. A card
 * past its expiry is declined here, without asking. `providerKey` is the provider's
 * idempotency key: the same for a retry of the same request, so it charges once.
 */
export async function chargeCard(
  trx: Db,
  ctx: BillingContext,
  input: { userId: string; subscriptionId: string; card: PaymentMethodRow; kind: InvoiceKind; amount: number; providerKey: string; description: string },
): Promise<ChargeOutcome> {
  const attemptId = randomUUID();
  const answer = cardExpired(input.card.exp_month, input.card.exp_year, ctx.now)
    ? ({ ok: false, reason: 'expired_card' } as const)
    : await ctx.payments.charge({
        token: input.card.provider_token,
        amount: input.amount,
        currency: ctx.currency,
        idempotencyKey: input.providerKey,
        description: input.description,
      });
  await trx
    .insertInto('payment_attempts')
    .values({
      id: attemptId,
      user_id: input.userId,
      subscription_id: input.subscriptionId,
      payment_method_id: input.card.id,
      kind: input.kind,
      amount: input.amount,
      currency: ctx.currency,
      outcome: answer.ok ? 'succeeded' : 'declined',
      decline_reason: answer.ok ? null : answer.reason,
      provider_reference: answer.ok ? answer.reference : null,
      created_at: ctx.now,
    })
    .execute();
  return answer.ok ? { ok: true, attemptId } : { ok: false, attemptId, reason: answer.reason };
}

/** The provider's idempotency key of one request: the account's Idempotency-Key, or a fresh one. */
export const providerKeyOf = (userId: string, route: string, key: string | undefined): string =>
  key === undefined ? randomUUID() : createHash('sha256').update(`${userId}\n${route}\n${key}`).digest('hex');

const declinedAnswer = (reason: DeclineReason): WriteResult => ({
  statusCode: 402,
  body: errorBody('PAYMENT_DECLINED', 'The card was declined; nothing was changed.', { reason }),
});

/**
 * Issues the invoice of a successful charge and queues its receipt (the PDF attached), in
 * the transaction of the change. Returns the invoice.
 */
async function invoiceAndReceipt(
  trx: Db,
  ctx: BillingContext,
  input: {
    userId: string;
    row: SubscriptionRow;
    attemptId: string;
    kind: InvoiceKind;
    plan: PlanId;
    previousPlan: PlanId | null;
    termYears: number | null;
    expiresAt: Date;
    amount: number;
    card: PaymentMethodRow;
  },
) {
  const holder = await recipientOf(trx, input.userId);
  const invoice = await issueInvoice(trx, {
    userId: input.userId,
    subscriptionId: input.row.id,
    paymentAttemptId: input.attemptId,
    kind: input.kind,
    plan: input.plan,
    previousPlan: input.previousPlan,
    seats: planSeats(input.plan),
    termYears: input.termYears,
    expiresAt: input.expiresAt,
    amount: input.amount,
    currency: ctx.currency,
    card: input.card,
    holder,
    now: ctx.now,
  });
  await queueMail(trx, receiptMail(holder, invoice, await invoicePdf(invoice)), ctx.now);
  await recordAccountEvent(trx, input.userId, { type: 'subscription.changed', data: { subscriptionId: input.row.id } }, ctx.now);
  return invoice;
}

/**
 * A term bought now: the plan's price for it, `expiresAt` extended from the later of now and
 * the old expiry, an invoice and the receipt, all in the caller's transaction. A declined
 * charge answers 402 and changes nothing but the recorded attempt (returned, not thrown, so
 * the attempt is kept). An expired subscription can be renewed: its devices' next heartbeat
 * carries the new expiry.
 */
export async function renewSubscription(
  trx: Db,
  ctx: BillingContext,
  input: { userId: string; id: string; termYears: TermYears; paymentMethodId: string; providerKey: string },
): Promise<WriteResult> {
  const row = await lockedSubscription(trx, input.userId, input.id);
  const card = await paymentMethodOf(trx, input.userId, input.paymentMethodId);
  const amount = priceOf(row.plan, input.termYears);
  const charge = await chargeCard(trx, ctx, {
    userId: input.userId,
    subscriptionId: row.id,
    card,
    kind: 'renewal',
    amount,
    providerKey: input.providerKey,
    description: `Palisade ${planName(row.plan)}, ${input.termYears} year(s)`,
  });
  if (!charge.ok) return declinedAnswer(charge.reason);
  const expiresAt = extendedExpiry(row.expires_at, input.termYears, ctx.now);
  await trx
    .updateTable('subscriptions')
    .set({
      expires_at: expiresAt,
      term_years: input.termYears,
      renewal_declined_at: null,
      renewal_decline_reason: null,
      // A subscription with no card chosen keeps the one it was just paid with.
      payment_method_id: row.payment_method_id ?? card.id,
    })
    .where('id', '=', row.id)
    .execute();
  const invoice = await invoiceAndReceipt(trx, ctx, {
    userId: input.userId,
    row,
    attemptId: charge.attemptId,
    kind: 'renewal',
    plan: row.plan,
    previousPlan: null,
    termYears: input.termYears,
    expiresAt,
    amount,
    card,
  });
  const body: ChargedChange = {
    subscription: await getSubscription(trx, input.userId, row.id, ctx.now, ctx.currency),
    invoice: toInvoice(invoice),
  };
  return { statusCode: 200, body };
}

/**
 * The automatic charge of one due subscription (the renewal job, which holds its row
 * locked): one more term of the length last bought, with its card. Success extends it and
 * queues the receipt; a decline is recorded on the subscription (tried again a day later)
 * and returned for its e-mail.
 */
export async function chargeAutomaticRenewal(
  trx: Db,
  ctx: BillingContext,
  row: SubscriptionRow,
  card: PaymentMethodRow,
): Promise<{ ok: true; invoiceNumber: string } | { ok: false; reason: DeclineReason; amount: number; termYears: TermYears }> {
  const termYears = renewableTerm(row.term_years);
  const amount = priceOf(row.plan, termYears);
  // One key per subscription, term and day: a job that dies after charging and runs again the same day charges once.
  const day = Math.floor(ctx.now.getTime() / DAY_MS);
  const charge = await chargeCard(trx, ctx, {
    userId: row.user_id,
    subscriptionId: row.id,
    card,
    kind: 'automatic_renewal',
    amount,
    providerKey: createHash('sha256').update(`auto\n${row.id}\n${row.expires_at.toISOString()}\n${day}`).digest('hex'),
    description: `Palisade ${planName(row.plan)}, ${termYears} year(s), automatic renewal`,
  });
  if (!charge.ok) {
    await trx
      .updateTable('subscriptions')
      .set({ renewal_declined_at: ctx.now, renewal_decline_reason: charge.reason })
      .where('id', '=', row.id)
      .execute();
    await recordAccountEvent(trx, row.user_id, { type: 'subscription.changed', data: { subscriptionId: row.id } }, ctx.now);
    return { ok: false, reason: charge.reason, amount, termYears };
  }
  const expiresAt = extendedExpiry(row.expires_at, termYears, ctx.now);
  await trx
    .updateTable('subscriptions')
    .set({ expires_at: expiresAt, term_years: termYears, renewal_declined_at: null, renewal_decline_reason: null })
    .where('id', '=', row.id)
    .execute();
  const invoice = await invoiceAndReceipt(trx, ctx, {
    userId: row.user_id,
    row,
    attemptId: charge.attemptId,
    kind: 'automatic_renewal',
    plan: row.plan,
    previousPlan: null,
    termYears,
    expiresAt,
    amount,
    card,
  });
  return { ok: true, invoiceNumber: invoice.number };
}

/**
 * The price of moving to a bigger plan for the rest of the term: the difference of the two
 * plans' prices for the term last bought, in proportion to the days left (a started day
 * counts), rounded to the minor unit.
 */
export function upgradePrice(row: Pick<SubscriptionRow, 'plan' | 'term_years' | 'expires_at'>, to: PlanId, now: Date) {
  const termYears = renewableTerm(row.term_years);
  const termDays = termYears * 365;
  const daysLeft = Math.max(0, Math.ceil((row.expires_at.getTime() - now.getTime()) / DAY_MS));
  const difference = priceOf(to, termYears) - priceOf(row.plan, termYears);
  return { amount: Math.max(0, Math.round((difference * daysLeft) / termDays)), daysLeft, termDays };
}

/** `GET /v1/subscriptions/:id/upgrade-options`: the bigger plans and what each costs now. */
export async function upgradeOptions(db: Db, ctx: Omit<BillingContext, 'payments'>, input: { userId: string; id: string }): Promise<UpgradeOptions> {
  const row = await db
    .selectFrom('subscriptions')
    .selectAll()
    .where('id', '=', asUuid(input.id))
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  if (!row) throw subscriptionNotFound();
  const expired = row.expires_at.getTime() <= ctx.now.getTime();
  const { daysLeft, termDays } = upgradePrice(row, row.plan, ctx.now);
  return {
    subscriptionId: row.id,
    plan: row.plan,
    expiresAt: row.expires_at.toISOString(),
    daysLeft,
    termDays,
    quotedAt: ctx.now.toISOString(),
    options: expired
      ? []
      : biggerPlans(row.plan).map((plan) => ({
          plan,
          planName: planName(plan),
          seats: plans[plan].seats,
          amount: upgradePrice(row, plan, ctx.now).amount,
          currency: ctx.currency,
        })),
  };
}

/**
 * Moves a subscription to a bigger plan for the rest of its term and charges the prorated
 * difference; the expiry stays. Refused: an expired subscription (renew it first), a plan
 * that is not bigger, a price above the one the person agreed to (`expectedAmount`).
 */
export async function upgradeSubscription(
  trx: Db,
  ctx: BillingContext,
  input: { userId: string; id: string; plan: PlanId; paymentMethodId: string; expectedAmount: number | undefined; providerKey: string },
): Promise<WriteResult> {
  const row = await lockedSubscription(trx, input.userId, input.id);
  if (row.expires_at.getTime() <= ctx.now.getTime()) {
    throw new ServiceError('SUBSCRIPTION_EXPIRED', 'This subscription has expired: renew it, then move it to a bigger plan.');
  }
  const upgradable = biggerPlans(row.plan);
  if (!upgradable.includes(input.plan)) {
    throw new ServiceError('PLAN_NOT_AN_UPGRADE', `${planName(input.plan)} is not bigger than ${planName(row.plan)}.`, {
      currentPlan: row.plan,
      requestedPlan: input.plan,
      upgradablePlans: upgradable,
    });
  }
  const card = await paymentMethodOf(trx, input.userId, input.paymentMethodId);
  const { amount } = upgradePrice(row, input.plan, ctx.now);
  if (input.expectedAmount !== undefined && amount > input.expectedAmount) {
    throw new ServiceError('UPGRADE_PRICE_CHANGED', 'The upgrade costs more now than the price agreed to.', {
      amount,
      currency: ctx.currency,
    });
  }
  const charge = await chargeCard(trx, ctx, {
    userId: input.userId,
    subscriptionId: row.id,
    card,
    kind: 'upgrade',
    amount,
    providerKey: input.providerKey,
    description: `Palisade ${planName(input.plan)}, upgrade from ${planName(row.plan)}`,
  });
  if (!charge.ok) return declinedAnswer(charge.reason);
  await trx
    .updateTable('subscriptions')
    .set({ plan: input.plan, seats: planSeats(input.plan) })
    .where('id', '=', row.id)
    .execute();
  const invoice = await invoiceAndReceipt(trx, ctx, {
    userId: input.userId,
    row,
    attemptId: charge.attemptId,
    kind: 'upgrade',
    plan: input.plan,
    previousPlan: row.plan,
    termYears: null,
    expiresAt: row.expires_at,
    amount,
    card,
  });
  const body: ChargedChange = {
    subscription: await getSubscription(trx, input.userId, row.id, ctx.now, ctx.currency),
    invoice: toInvoice(invoice),
  };
  return { statusCode: 200, body };
}

/**
 * `PATCH /v1/subscriptions/:id`: the card it renews with, and automatic renewal on or off.
 * On without a card named uses its own, else the account's default (409
 * PAYMENT_METHOD_REQUIRED when there is none). A switch is e-mailed: off with the date
 * protection ends (the acknowledgement the EU's withdrawal-button rule and California's
 * automatic-renewal law expect), on with the date and amount of the next charge.
 */
export async function patchSubscription(
  db: Db,
  ctx: Omit<BillingContext, 'payments'>,
  input: { userId: string; id: string; autoRenew: boolean | undefined; paymentMethodId: string | undefined },
): Promise<Subscription> {
  const { userId, now } = { ...input, now: ctx.now };
  await db.transaction().execute(async (trx) => {
    const row = await lockedSubscription(trx, userId, input.id);
    let cardId = row.payment_method_id;
    if (input.paymentMethodId !== undefined) cardId = (await paymentMethodOf(trx, userId, input.paymentMethodId)).id;
    const autoRenew = input.autoRenew ?? row.auto_renew;
    if (autoRenew && cardId === null) {
      const fallback = await trx
        .selectFrom('payment_methods')
        .select('id')
        .where('user_id', '=', userId)
        .where('is_default', '=', true)
        .executeTakeFirst();
      if (!fallback) throw new ServiceError('PAYMENT_METHOD_REQUIRED', 'Automatic renewal needs a card: add one first.');
      cardId = fallback.id;
    }
    const updated = { ...row, auto_renew: autoRenew, payment_method_id: cardId };
    await trx.updateTable('subscriptions').set({ auto_renew: autoRenew, payment_method_id: cardId }).where('id', '=', row.id).execute();
    await recordAccountEvent(trx, userId, { type: 'subscription.changed', data: { subscriptionId: row.id } }, now);
    if (autoRenew === row.auto_renew) return;
    const to = await recipientOf(trx, userId);
    if (!autoRenew) {
      await queueMail(trx, autoRenewOffMail(to, { plan: row.plan, expiresAt: row.expires_at, when: now }), now);
      return;
    }
    const card = await paymentMethodOf(trx, userId, cardId as string);
    const termYears = renewableTerm(row.term_years);
    const due = chargeDueAt(updated);
    await queueMail(
      trx,
      autoRenewOnMail(to, {
        plan: row.plan,
        chargeAt: due.getTime() < now.getTime() ? now : due,
        termYears,
        amount: priceOf(row.plan, termYears),
        currency: ctx.currency,
        card,
      }),
      now,
    );
  });
  return getSubscription(db, userId, input.id, now, ctx.currency);
}
