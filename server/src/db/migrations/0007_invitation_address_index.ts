import { type Kysely, sql } from 'kysely';

/**
 * E-mailed invitations are limited per address (devices/invitations.ts): the count reads
 * the last hour's invitations to one address, on every e-mailed invitation. The limits on
 * confirmation and reset e-mails count e-mail tokens by `email_tokens_user_idx`, which exists.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index device_invitations_email_idx on device_invitations (email, created_at) where email is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('device_invitations_email_idx').ifExists().execute();
}
