import { type Kysely, sql } from 'kysely';

/**
 * Billing (docs/api.md "Plans, payment methods and invoices", "Automatic renewal and
 * reminders"). Prices are data in the repository (billing/plan-prices.ts), not a table.
 *
 * - `payment_methods`: what a receipt shows of a card, and the provider's token. Never the
 *   number or the CVC: those go to the provider and nowhere else. One default per account.
 * - `payment_attempts`: every charge asked of the provider, declined ones too (a declined
 *   charge changes nothing else).
 * - `invoice_counters` + `invoices`: one gap-free sequence per year. The counter row of the
 *   year is incremented (and so locked) in the transaction that issues the invoice, after
 *   the charge succeeded: a rolled-back or declined payment takes no number, and two
 *   invoices at once wait for each other.
 * - `subscriptions` gains the card it renews with, the term it was last bought for (what
 *   automatic renewal buys again), the last automatic charge that failed (retried at most
 *   daily), and which expiry each reminder was sent for (once per term).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('payment_methods')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('provider_token', 'text', (c) => c.notNull())
    .addColumn('brand', 'text', (c) => c.notNull())
    .addColumn('last4', 'text', (c) => c.notNull().check(sql`last4 ~ '^[0-9]{4}$'`))
    .addColumn('exp_month', 'integer', (c) => c.notNull().check(sql`exp_month between 1 and 12`))
    .addColumn('exp_year', 'integer', (c) => c.notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('is_default', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_methods_user_idx').on('payment_methods').columns(['user_id', 'created_at']).execute();
  await sql`create unique index payment_methods_one_default on payment_methods (user_id) where is_default`.execute(db);

  await db.schema
    .alterTable('subscriptions')
    .addColumn('payment_method_id', 'uuid', (c) => c.references('payment_methods.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('subscriptions').addColumn('term_years', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('subscriptions').addColumn('renewal_declined_at', 'timestamptz').execute();
  await db.schema.alterTable('subscriptions').addColumn('renewal_decline_reason', 'text').execute();
  await db.schema.alterTable('subscriptions').addColumn('reminded_30_for', 'timestamptz').execute();
  await db.schema.alterTable('subscriptions').addColumn('reminded_7_for', 'timestamptz').execute();
  await db.schema.alterTable('subscriptions').addColumn('ended_notice_for', 'timestamptz').execute();
  // The jobs look for subscriptions near their expiry.
  await db.schema.createIndex('subscriptions_expires_idx').on('subscriptions').column('expires_at').execute();

  await db.schema
    .createTable('payment_attempts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('subscription_id', 'uuid', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    // No reference: a deleted card's attempts stay as they were.
    .addColumn('payment_method_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('renewal', 'automatic_renewal', 'upgrade')`))
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('succeeded', 'declined')`))
    .addColumn('decline_reason', 'text')
    .addColumn('provider_reference', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payment_attempts_subscription_idx').on('payment_attempts').columns(['subscription_id', 'created_at']).execute();

  await db.schema
    .createTable('invoice_counters')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('invoices')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('subscription_id', 'uuid', (c) => c.notNull().references('subscriptions.id').onDelete('cascade'))
    .addColumn('payment_attempt_id', 'uuid', (c) => c.notNull().references('payment_attempts.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('plan', 'text', (c) => c.notNull())
    .addColumn('previous_plan', 'text')
    .addColumn('seats', 'integer', (c) => c.notNull())
    .addColumn('term_years', 'integer')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('tax_amount', 'integer', (c) => c.notNull())
    // Basis points (1900 = 19 %), so 8.1 % is exact.
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('card_brand', 'text', (c) => c.notNull())
    .addColumn('card_last4', 'text', (c) => c.notNull())
    // As they were when it was issued: an invoice does not change when the account does.
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('holder_email', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('invoices_year_sequence', ['year', 'sequence'])
    .execute();
  await db.schema.createIndex('invoices_user_idx').on('invoices').columns(['user_id', 'issued_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('invoices').execute();
  await db.schema.dropTable('invoice_counters').execute();
  await db.schema.dropTable('payment_attempts').execute();
  await db.schema.dropIndex('subscriptions_expires_idx').execute();
  for (const column of ['ended_notice_for', 'reminded_7_for', 'reminded_30_for', 'renewal_decline_reason', 'renewal_declined_at', 'term_years', 'payment_method_id']) {
    await db.schema.alterTable('subscriptions').dropColumn(column).execute();
  }
  await db.schema.dropTable('payment_methods').execute();
}
