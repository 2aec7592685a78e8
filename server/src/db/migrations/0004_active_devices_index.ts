import { type Kysely, sql } from 'kysely';

/**
 * The account's active devices: what every registration and transfer reads under the seat
 * lock (seat-limit.ts). Without it the planner combined the user index with the index of
 * every active device (`devices_active_subscription_idx`), and read all of them, whenever
 * its statistics were missing or stale — which on PGlite, with no autovacuum, is always.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index devices_active_user_idx on devices (user_id) where status = 'active'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists devices_active_user_idx`.execute(db);
}
