import { type Kysely, sql } from 'kysely';

/**
 * What lets the lockout neither lock the owner out nor tell which addresses have accounts
 * (docs/api.md "Identity", Lockout):
 * - `device_tokens`: one per account and installation (the token stored hashed), each
 *   with its own count of wrong passwords and codes and its own lock;
 * - `unknown_address_failures`: the same count and lock for addresses that have no account,
 *   keyed by a hash of the address, forgotten a day after the last failure;
 * - `users.last_failed_login_at`: when the last wrong password was, so an account forgets
 *   old failures after the same day an unknown address does;
 * - `mfa_challenges.device_token_id`: the token a sign-in came with, for its second step.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('device_tokens')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failed_at', 'timestamptz')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_used_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('device_tokens_user_idx').on('device_tokens').columns(['user_id', 'last_used_at']).execute();

  await db.schema
    .createTable('unknown_address_failures')
    .addColumn('email_hash', 'text', (c) => c.primaryKey())
    .addColumn('failed_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_failed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('locked_until', 'timestamptz')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('unknown_address_failures_expiry_idx').on('unknown_address_failures').column('expires_at').execute();

  await db.schema.alterTable('users').addColumn('last_failed_login_at', 'timestamptz').execute();
  await db.schema
    .alterTable('mfa_challenges')
    .addColumn('device_token_id', 'uuid', (c) => c.references('device_tokens.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('mfa_challenges').dropColumn('device_token_id').execute();
  await db.schema.alterTable('users').dropColumn('last_failed_login_at').execute();
  await sql`drop table if exists unknown_address_failures`.execute(db);
  await sql`drop table if exists device_tokens`.execute(db);
}
