import { sql } from 'kysely';
import type { Job } from '../jobs/job';
import type { Db } from './database';

/**
 * PGlite is PostgreSQL in single-user mode, which has no autovacuum: left alone, its tables
 * are never analysed (the planner then guesses row counts) and the dead rows that every
 * update leaves (refresh-token rotation, heartbeats) are never reclaimed. This does what
 * autovacuum would, with autovacuum's default thresholds: a table is analysed once more
 * than 50 rows + 10 % of it changed since the last analysis, and vacuumed once more than
 * 50 rows + 20 % of it are dead. PostgreSQL proper runs its own autovacuum.
 */
export async function maintainEmbeddedDatabase(db: Db): Promise<{ analyzed: string[]; vacuumed: string[] }> {
  const { rows } = await sql<{ table: string; vacuum: boolean; analyze: boolean }>`
    select relname as "table",
           n_dead_tup > 50 + 0.2 * n_live_tup as "vacuum",
           n_mod_since_analyze > 50 + 0.1 * n_live_tup as "analyze"
    from pg_stat_user_tables
    where schemaname = 'public'
    order by relname`.execute(db);
  const done = { analyzed: [] as string[], vacuumed: [] as string[] };
  for (const row of rows) {
    if (row.vacuum) {
      await sql`vacuum (analyze) ${sql.table(row.table)}`.execute(db);
      done.vacuumed.push(row.table);
      done.analyzed.push(row.table);
    } else if (row.analyze) {
      await sql`analyze ${sql.table(row.table)}`.execute(db);
      done.analyzed.push(row.table);
    }
  }
  return done;
}

/**
 * The job runner's maintenance of the embedded database (jobs/registry.ts): once a minute,
 * as autovacuum looks (its `autovacuum_naptime`). Not on PostgreSQL, which runs its own.
 */
export const embeddedMaintenanceJob: Job = {
  name: 'embedded-maintenance',
  claim: 'once',
  everyMs: 60_000,
  runsOn: (config) => !config.databaseUrl,
  async run(ctx) {
    const done = await maintainEmbeddedDatabase(ctx.db);
    const list = (tables: string[]) => (tables.length ? tables.join(', ') : 'none');
    return [`analysed ${list(done.analyzed)}; vacuumed ${list(done.vacuumed)}`];
  },
};
