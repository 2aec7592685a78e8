import { sql } from 'kysely';
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

/** How often to look, as autovacuum does (its `autovacuum_naptime` is a minute). */
export const MAINTENANCE_INTERVAL_MS = 60_000;

/**
 * Runs `maintainEmbeddedDatabase` now and then every `intervalMs`, one pass at a time;
 * `stop()` waits for a pass under way. A failed pass is reported and the next one tried.
 */
export function scheduleEmbeddedMaintenance(
  db: Db,
  options: { intervalMs?: number; onError: (error: unknown) => void },
): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const pass = () => {
    running = running.then(() => maintainEmbeddedDatabase(db)).then(() => undefined, options.onError);
  };
  pass();
  const timer = setInterval(pass, options.intervalMs ?? MAINTENANCE_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
