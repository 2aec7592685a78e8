import type { Kysely } from 'kysely';

/**
 * Support agents (docs/api.md "Support"): an account listed here is support staff, whose
 * access token reaches `/v1/agent/*`. Kept apart from `users` so being an agent is one row
 * that `agents add` inserts, and every other account is a customer without a column to get wrong.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('support_agents')
    .addColumn('user_id', 'uuid', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('support_agents').execute();
}
