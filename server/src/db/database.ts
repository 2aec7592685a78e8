import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { acquireFolderLock } from '../local-control/folder-lock';
import { PreparedPGliteDialect } from './pglite-prepared';
import { usePreparedStatements } from './postgres-prepared';
import { ensurePrivateFolder, tightenTree } from './private-files';
import type { Database } from './schema';

export type Db = Kysely<Database>;

export interface DatabaseOptions {
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * An idle PostgreSQL connection that fails (the server restarts, an administrator ends
   * it) is dropped from the pool and reported here; the next query opens a new one.
   */
  onConnectionLost?: (error: Error) => void;
}

/** How long a request waits for a PostgreSQL connection (a new one, or a free one of the pool). */
const CONNECT_TIMEOUT_MS = 3_000;

/** The folder inside DATA_DIR that holds the embedded database. */
export const pgliteDir = (dataDir: string): string => join(dataDir, 'pglite');

/**
 * PostgreSQL when a URL is given, else the embedded PGlite database in DATA_DIR, which
 * this process then holds alone (see folder-lock.ts) until `destroy()`; opening one another
 * process holds fails with `FolderInUseError` at the first query.
 */
export function createDatabase(options: DatabaseOptions): Db {
  ensurePrivateFolder(options.dataDir);
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      // A server that is away (restarting, unreachable) fails a request within this long,
      // as a 503, instead of holding it; the next request tries again.
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    // Without a listener, node-postgres rethrows an idle client's error and the process dies.
    pool.on('error', (error) => options.onConnectionLost?.(error));
    // A client checked out (a transaction between statements, a job's claim) has no pool
    // listener, so a connection ended then (a restart, an administrator) would throw in the
    // process. Its statement in flight fails with its own error, and the pool drops the
    // broken client when it is released.
    pool.on('connect', (client) => client.on('error', () => {}));
    usePreparedStatements(pool);
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const dir = pgliteDir(options.dataDir);
  return new Kysely<Database>({
    dialect: new PreparedPGliteDialect(async () => {
      const lock = acquireFolderLock(options.dataDir);
      // A process that ends without closing (process.exit after an error) leaves no lock behind.
      process.once('exit', lock.release);
      const unlock = () => {
        process.off('exit', lock.release);
        lock.release();
      };
      let pglite: PGlite;
      try {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        // pg_trgm: the help search's similarity for misspelt words (support/knowledge-base).
        pglite = await PGlite.create(dir, { extensions: { pg_trgm } });
      } catch (error) {
        unlock();
        throw error;
      }
      // PGlite makes its files open to everyone: tighten what exists now, what it adds
      // while running (every minute), and what is left when it closes.
      await tightenTree(options.dataDir);
      const timer = setInterval(() => void tightenTree(options.dataDir).catch(() => {}), 60_000);
      timer.unref();
      const close = pglite.close.bind(pglite);
      pglite.close = async () => {
        clearInterval(timer);
        try {
          await close();
          await tightenTree(options.dataDir);
        } finally {
          unlock();
        }
      };
      return pglite;
    }),
  });
}

/** True when the error is PostgreSQL's unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

/**
 * SQLSTATEs that mean the server is not there to answer, not that the query was wrong:
 * class 08 (connection exceptions), shutting down or starting up, too many connections.
 */
const unavailableStates = /^(08...|57P01|57P02|57P03|53300)$/;
/** Socket errors on the way to the server. */
const unavailableSocketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres's own messages for a connection that failed or timed out. */
const unavailableMessages = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * True when the database could not be reached or went away mid-request (a restart): worth
 * a 503 and trying again in a moment, rather than a 500.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) return false;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && (unavailableStates.test(code) || unavailableSocketCodes.has(code))) return true;
  if (typeof message === 'string' && unavailableMessages.test(message)) return true;
  // Wrapped (`cause`), or one error per address tried (AggregateError).
  if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(cause, depth + 1);
}
