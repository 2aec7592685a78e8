import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Named prepared statements on PostgreSQL, as pglite-prepared.ts keeps them on PGlite.
 *
 * Kysely hands node-postgres unnamed queries, which PostgreSQL parses and plans afresh
 * every time. The service repeats a few dozen statements with new values, so each
 * connection of the pool prepares each statement once, under a name made from its text,
 * and then only binds and executes it: the server's parse and plan of every statement
 * (the larger part of a short query's server time) is gone.
 *
 * Only data statements with parameters are named (migrations, transaction control and
 * other parameterless SQL go as before), and at most MAX_PER_CONNECTION texts a connection.
 * A table changed under a statement that returns its columns (a migration run by another
 * instance during a rolling deploy) makes PostgreSQL refuse the old plan with "cached plan
 * must not change result type": the text then gets a new name, and the query is run again
 * at once unless it was inside a transaction, which has failed and is retried as a whole.
 */
const MAX_PER_CONNECTION = 500;
const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;

type Query = (...args: unknown[]) => unknown;

export function usePreparedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => prepareOn(client));
}

function prepareOn(client: pg.PoolClient): void {
  const names = new Map<string, string>();
  let generation = 0;
  let inTransaction = false;
  const query = client.query.bind(client) as Query;

  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known) return known;
    if (names.size >= MAX_PER_CONNECTION) return undefined;
    const name = `k${generation}_${createHash('sha1').update(text).digest('base64url')}`;
    names.set(text, name);
    return name;
  };

  (client as unknown as { query: Query }).query = (config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string' && values === undefined && callback === undefined) {
      const command = config.trim().toLowerCase();
      if (command === 'begin' || command.startsWith('begin ') || command.startsWith('start transaction')) inTransaction = true;
      else if (command === 'commit' || command === 'rollback') inTransaction = false;
    }
    if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined || !DATA_STATEMENT.test(config)) {
      return query(config, values, callback);
    }
    const name = nameOf(config);
    if (!name) return query(config, values);
    const run = (statementName: string) => query({ name: statementName, text: config, values }) as Promise<unknown>;
    return run(name).catch((error: unknown) => {
      if (!isChangedResultType(error)) throw error;
      generation++;
      names.delete(config);
      const renamed = nameOf(config);
      if (inTransaction || !renamed) throw error;
      return run(renamed);
    });
  };
}

/** PostgreSQL's "cached plan must not change result type" (a column was added or dropped). */
const isChangedResultType = (error: unknown) =>
  error instanceof Error && 'code' in error && error.code === '0A000' && /cached plan must not change result type/.test(error.message);
