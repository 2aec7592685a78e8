import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { addPaymentMethodBodySchema, PaymentMethod, PaymentMethodPatch } from '../../../shared/api/billing';
import { cardExpired, detectBrand } from './card-facts';
import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import { recordAccountEvent } from '../events/account-events';
import { ServiceError } from '../http/service-error';
import type { PaymentMethodRow } from './billing-tables';
import type { PaymentsPort } from './payments-port';

export const toPaymentMethod = (row: PaymentMethodRow): PaymentMethod => ({
  id: row.id,
  brand: row.brand,
  last4: row.last4,
  expMonth: row.exp_month,
  expYear: row.exp_year,
  holder: row.holder,
  country: row.country,
  isDefault: row.is_default,
});

export const paymentMethodNotFound = () => new ServiceError('NOT_FOUND', 'There is no such payment method on this account.');

/** A card whose expiry has passed: the field's problem names the rule, never the value. */
const expiredCard = () =>
  new ServiceError('VALIDATION_FAILED', 'The card has expired.', {
    fields: { expYear: { code: 'custom', format: 'card_expired', message: 'The card expired before this month.' } },
  });

export const declined = (reason: string) =>
  new ServiceError('PAYMENT_DECLINED', 'The card was declined.', { reason });

/** The account's cards, the default first, then the newest. */
export async function listPaymentMethods(db: Db, userId: string): Promise<PaymentMethod[]> {
  const rows = await db
    .selectFrom('payment_methods')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('is_default', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toPaymentMethod);
}

/** One of the account's cards; another account's answers 404, as if it did not exist. */
export async function paymentMethodOf(db: Db, userId: string, id: string): Promise<PaymentMethodRow> {
  const row = await db
    .selectFrom('payment_methods')
    .selectAll()
    .where('id', '=', asUuid(id))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw paymentMethodNotFound();
  return row;
}

/**
 * Tokenises the card with the provider and keeps what a receipt shows. The number and
 * CVC live only in this call's arguments: they are handed to the provider and dropped.
 * The account's first card is its default.
 */
export async function addPaymentMethod(
  db: Db,
  payments: PaymentsPort,
  input: { userId: string; card: z.output<typeof addPaymentMethodBodySchema>; now: Date },
): Promise<PaymentMethod> {
  const { card, userId, now } = input;
  if (cardExpired(card.expMonth, card.expYear, now)) throw expiredCard();
  const brand = detectBrand(card.cardNumber);
  if (brand === null) {
    throw new ServiceError('VALIDATION_FAILED', 'This card brand is not accepted.', {
      fields: { cardNumber: { code: 'custom', format: 'card_brand', message: 'Not a card brand that is accepted.' } },
    });
  }
  const tokenised = await payments.tokenise({
    number: card.cardNumber,
    cvc: card.cvc,
    expMonth: card.expMonth,
    expYear: card.expYear,
    holder: card.holder,
  });
  if (!tokenised.ok) throw declined(tokenised.reason);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    // Serialises two first cards at once: exactly one becomes the default.
    await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
    const hasDefault = await trx
      .selectFrom('payment_methods')
      .select('id')
      .where('user_id', '=', userId)
      .where('is_default', '=', true)
      .executeTakeFirst();
    await trx
      .insertInto('payment_methods')
      .values({
        id,
        user_id: userId,
        provider: payments.name,
        provider_token: tokenised.token,
        brand,
        last4: card.cardNumber.slice(-4),
        exp_month: card.expMonth,
        exp_year: card.expYear,
        holder: card.holder,
        country: card.country,
        is_default: !hasDefault,
        created_at: now,
      })
      .execute();
  });
  return toPaymentMethod(await paymentMethodOf(db, userId, id));
}

/** Expiry and holder as printed on a renewed card; `isDefault: true` moves the default here. */
export async function updatePaymentMethod(
  db: Db,
  input: { userId: string; id: string; patch: PaymentMethodPatch; now: Date },
): Promise<PaymentMethod> {
  const { userId, patch, now } = input;
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('payment_methods')
      .selectAll()
      .where('id', '=', asUuid(input.id))
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw paymentMethodNotFound();
    const expMonth = patch.expMonth ?? row.exp_month;
    const expYear = patch.expYear ?? row.exp_year;
    if ((patch.expMonth !== undefined || patch.expYear !== undefined) && cardExpired(expMonth, expYear, now)) throw expiredCard();
    if (patch.isDefault) {
      await trx.updateTable('payment_methods').set({ is_default: false }).where('user_id', '=', userId).where('is_default', '=', true).execute();
    }
    await trx
      .updateTable('payment_methods')
      .set({
        exp_month: expMonth,
        exp_year: expYear,
        ...(patch.holder !== undefined && { holder: patch.holder }),
        ...(patch.isDefault && { is_default: true }),
      })
      .where('id', '=', row.id)
      .execute();
  });
  return toPaymentMethod(await paymentMethodOf(db, userId, input.id));
}

/**
 * Deletes a card. Subscriptions that renew automatically with it move to the default (or,
 * when it was the default, to the newest other card, which becomes the default); when it
 * is the account's last card and one still renews with it, `409 PAYMENT_METHOD_IN_USE`.
 */
export async function deletePaymentMethod(db: Db, input: { userId: string; id: string; now: Date }): Promise<void> {
  const { userId, now } = input;
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('payment_methods')
      .selectAll()
      .where('id', '=', asUuid(input.id))
      .where('user_id', '=', userId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw paymentMethodNotFound();
    const renewing = await trx
      .selectFrom('subscriptions')
      .select('id')
      .where('user_id', '=', userId)
      .where('payment_method_id', '=', row.id)
      .where('auto_renew', '=', true)
      .orderBy('id')
      .forUpdate()
      .execute();
    const others = await trx
      .selectFrom('payment_methods')
      .select(['id', 'is_default'])
      .where('user_id', '=', userId)
      .where('id', '!=', row.id)
      .orderBy('is_default', 'desc')
      .orderBy('created_at', 'desc')
      .execute();
    const successor = others[0];
    if (!successor && renewing.length > 0) {
      throw new ServiceError(
        'PAYMENT_METHOD_IN_USE',
        'This is the last card, and subscriptions renew automatically with it: add another card or turn automatic renewal off first.',
        { subscriptionIds: renewing.map((s) => s.id) },
      );
    }
    await trx
      .updateTable('subscriptions')
      .set({ payment_method_id: renewing.length > 0 && successor ? successor.id : null })
      .where('user_id', '=', userId)
      .where('payment_method_id', '=', row.id)
      .execute();
    await trx.deleteFrom('payment_methods').where('id', '=', row.id).execute();
    if (row.is_default && successor && !successor.is_default) {
      await trx.updateTable('payment_methods').set({ is_default: true }).where('id', '=', successor.id).execute();
    }
    for (const { id } of renewing) {
      await recordAccountEvent(trx, userId, { type: 'subscription.changed', data: { subscriptionId: id } }, now);
    }
  });
}
