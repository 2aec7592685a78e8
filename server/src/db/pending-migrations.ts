import { sql } from 'kysely';
import type { Db } from './database';
import { migrations } from './migrations';

/**
 * The migrations this code has that the database has not applied, read without writing
 * anything (Kysely's own Migrator creates its tables first): for a service started with
 * MIGRATE_ON_START=false, which must neither migrate nor run on a schema that is behind.
 */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const { rows: tables } = await sql<{ present: boolean }>`select to_regclass('kysely_migration') is not null as present`.execute(db);
  const applied = new Set<string>();
  if (tables[0]?.present) {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    for (const row of rows) applied.add(row.name);
  }
  return Object.keys(migrations)
    .sort()
    .filter((name) => !applied.has(name));
}

/** Refuses a schema that is behind, saying what to run. */
export async function assertSchemaUpToDate(db: Db): Promise<void> {
  const pending = await pendingMigrations(db);
  if (pending.length === 0) return;
  throw new Error(
    `The database schema is behind this service (${pending.length} migration${pending.length === 1 ? '' : 's'} to apply: ${pending.join(', ')}), ` +
      'and MIGRATE_ON_START=false keeps the service from migrating it. Run `npm run server -- migrate` first, then start the service.',
  );
}
