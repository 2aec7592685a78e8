import { type Kysely, sql } from 'kysely';

/**
 * The language the account's e-mails are written in (`en`, `de`). Accounts from before it
 * existed get English, the only language their e-mails were ever in. PostgreSQL names the
 * check `users_language_check`: adding a language is a migration that replaces it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('language', 'text', (c) =>
      c
        .notNull()
        .defaultTo('en')
        .check(sql`language in ('en', 'de')`),
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('language').execute();
}
