import type { Kysely } from 'kysely';

/**
 * The typed code beside each e-mail link (identity/email-codes.ts): its slow hash and the
 * wrong tries it has left, on the token's own row, so it lives and dies with the link.
 * Rows from before have no code. An address with no code to try (no account, or none
 * sent) keeps a count of its own that behaves the same, keyed by the address's hash, so
 * the answers tell nobody which addresses have an account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('email_tokens').addColumn('code_hash', 'text').execute();
  await db.schema
    .alterTable('email_tokens')
    .addColumn('code_tries_left', 'integer', (column) => column.notNull().defaultTo(0))
    .execute();
  // The lock e-mail's reset link: bounded by the lock itself (one per lock), so it does not
  // take the owner's next "Forgot password?" e-mail from them (email-tokens.ts).
  await db.schema
    .alterTable('email_tokens')
    .addColumn('outside_limit', 'boolean', (column) => column.notNull().defaultTo(false))
    .execute();
  await db.schema
    .createTable('unknown_address_code_tries')
    .addColumn('email_hash', 'text', (column) => column.notNull())
    .addColumn('purpose', 'text', (column) => column.notNull())
    .addColumn('tries_left', 'integer', (column) => column.notNull())
    .addColumn('expires_at', 'timestamptz', (column) => column.notNull())
    .addPrimaryKeyConstraint('unknown_address_code_tries_pkey', ['email_hash', 'purpose'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('unknown_address_code_tries').execute();
  await db.schema.alterTable('email_tokens').dropColumn('outside_limit').execute();
  await db.schema.alterTable('email_tokens').dropColumn('code_tries_left').execute();
  await db.schema.alterTable('email_tokens').dropColumn('code_hash').execute();
}
