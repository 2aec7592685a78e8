import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Invoice, InvoiceKind } from '../../../shared/api/billing';
import type { Language } from '../../../shared/i18n/languages';
import { planName, type PlanId } from '../../../shared/plans';
import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import { ServiceError } from '../http/service-error';
import { messagesIn } from '../i18n/service-messages';
import type { InvoiceRow, PaymentMethodRow } from './billing-tables';
import { includedTax, ratePercent, taxRateBp } from './tax';

/** `PAL-2026-000042`. */
export const invoiceNumber = (year: number, sequence: number): string => `PAL-${year}-${String(sequence).padStart(6, '0')}`;

/** "Palisade Family, 5 devices, 1 year" in the invoice's language. */
export function invoiceDescription(row: Pick<InvoiceRow, 'plan' | 'previous_plan' | 'seats' | 'term_years' | 'language'>): string {
  const { text } = messagesIn(row.language);
  if (row.term_years === null) {
    return text('payments.invoice.describeUpgrade', {
      plan: planName(row.plan),
      seats: row.seats,
      previousPlan: row.previous_plan ? planName(row.previous_plan) : '',
    });
  }
  return text('payments.invoice.describeTerm', { plan: planName(row.plan), seats: row.seats, years: row.term_years });
}

export const toInvoice = (row: InvoiceRow): Invoice => ({
  id: row.id,
  number: row.number,
  issuedAt: row.issued_at.toISOString(),
  subscriptionId: row.subscription_id,
  kind: row.kind,
  description: invoiceDescription(row),
  plan: row.plan,
  seats: row.seats,
  termYears: row.term_years === null ? null : (row.term_years as 1 | 2 | 3),
  expiresAt: row.expires_at.toISOString(),
  amount: row.amount,
  taxAmount: row.tax_amount,
  taxRate: ratePercent(row.tax_rate_bp),
  currency: row.currency,
  paymentMethod: { brand: row.card_brand, last4: row.card_last4 },
});

export interface InvoiceInput {
  userId: string;
  subscriptionId: string;
  paymentAttemptId: string;
  kind: InvoiceKind;
  plan: PlanId;
  previousPlan: PlanId | null;
  seats: number;
  termYears: number | null;
  expiresAt: Date;
  amount: number;
  currency: string;
  card: PaymentMethodRow;
  holder: { name: string; email: string; language: Language };
  now: Date;
}

/**
 * Issues the next number of the year and the invoice, in the caller's transaction, which
 * must be the one whose charge succeeded. The counter row is upserted (`+ 1`) and so stays
 * locked until that transaction ends: a second invoice waits, then takes the next number;
 * a transaction that rolls back gives its number back. No gaps, no duplicates.
 */
export async function issueInvoice(trx: Db, input: InvoiceInput): Promise<InvoiceRow> {
  const year = input.now.getUTCFullYear();
  const { last_number: sequence } = await trx
    .insertInto('invoice_counters')
    .values({ year, last_number: 1 })
    .onConflict((oc) => oc.column('year').doUpdateSet({ last_number: sql<number>`invoice_counters.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  const rateBp = taxRateBp(input.card.country);
  const row: InvoiceRow = {
    id: randomUUID(),
    number: invoiceNumber(year, sequence),
    year,
    sequence,
    user_id: input.userId,
    subscription_id: input.subscriptionId,
    payment_attempt_id: input.paymentAttemptId,
    kind: input.kind,
    plan: input.plan,
    previous_plan: input.previousPlan,
    seats: input.seats,
    term_years: input.termYears,
    expires_at: input.expiresAt,
    amount: input.amount,
    tax_amount: includedTax(input.amount, rateBp),
    tax_rate_bp: rateBp,
    currency: input.currency,
    country: input.card.country,
    card_brand: input.card.brand,
    card_last4: input.card.last4,
    holder_name: input.holder.name,
    holder_email: input.holder.email,
    language: input.holder.language,
    issued_at: input.now,
  };
  await trx.insertInto('invoices').values(row).execute();
  return row;
}

/** The account's invoices, newest first. */
export async function listInvoices(db: Db, userId: string): Promise<Invoice[]> {
  const rows = await db
    .selectFrom('invoices')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('issued_at', 'desc')
    .orderBy('year', 'desc')
    .orderBy('sequence', 'desc')
    .execute();
  return rows.map(toInvoice);
}

/** One of the account's invoices; another account's answers 404. */
export async function invoiceOf(db: Db, userId: string, id: string): Promise<InvoiceRow> {
  const row = await db
    .selectFrom('invoices')
    .selectAll()
    .where('id', '=', asUuid(id))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw new ServiceError('NOT_FOUND', 'There is no such invoice on this account.');
  return row;
}
