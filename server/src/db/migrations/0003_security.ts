import { type Kysely, sql } from 'kysely';

/**
 * 2-step verification: TOTP (secret sealed with AES-256-GCM, last accepted time
 * step for RFC 6238 §5.2 replay refusal), recovery codes (keyed hashes), second-step
 * challenges (the `mfaToken` of a sign-in, stored hashed), and each session's client
 * address for the "new sign-in" notice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('totp_credentials')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('secret_sealed', 'text', (c) => c.notNull())
    // Null while setup is pending (a code has not confirmed the secret yet).
    .addColumn('enabled_at', 'timestamptz')
    // The highest 30-second step a code was accepted for; a code for this step or an earlier one is a replay.
    .addColumn('last_used_step', 'bigint')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('recovery_codes_user_idx').on('recovery_codes').column('user_id').execute();

  await db.schema
    .createTable('mfa_challenges')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('device_name', 'text')
    .addColumn('client_address', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('mfa_challenges_user_idx').on('mfa_challenges').column('user_id').execute();

  await db.schema.alterTable('sessions').addColumn('client_address', 'text').execute();
  await sql`create index sessions_known_device_idx on sessions (user_id, lower(device_name), client_address)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists sessions_known_device_idx`.execute(db);
  await db.schema.alterTable('sessions').dropColumn('client_address').execute();
  for (const table of ['mfa_challenges', 'recovery_codes', 'totp_credentials']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
