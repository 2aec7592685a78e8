/**
 * The database's own rate for the statements the service runs: capture them from the
 * service's own code (the same functions its routes call, on a Kysely that logs every
 * statement), then replay them with fresh values — in process on PGlite, and as a
 * `pgbench` custom script on PostgreSQL — so a bench can divide the service's rate by the
 * rate of exactly its SQL.
 */
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { pgliteDir } from '../../server/src/db/database';
import { PreparedPGliteDialect } from '../../server/src/db/pglite-prepared';
import type { Database } from '../../server/src/db/schema';

const run = promisify(execFile);

/** One statement as the service sent it, or the edges of its transaction. */
export type Step = { sql: string; parameters: readonly unknown[] } | 'begin' | 'commit';

/** The values in a captured request that stand for "this account", "this device" and so on. */
export interface Roles {
  userId: string;
  sessionId: string;
  deviceId: string;
  subscriptionId: string;
  idempotencyKey?: string;
  /** The time the captured request ran at: other times are kept as offsets from it. */
  now: Date;
}

const TRANSACTION_CONTROL = new Set(['begin', 'commit', 'rollback']);

/** A Kysely on the bench's database whose statements can be recorded, as the service's own code runs them. */
export class RecordingDb {
  readonly db: Kysely<Database>;
  #recording: Step[] | undefined;

  private constructor(make: (log: (query: CompiledQuery) => void) => Kysely<Database>) {
    this.db = make((query) => {
      // Kysely logs BEGIN and COMMIT on PostgreSQL but not on PGlite: `record` marks them itself.
      if (TRANSACTION_CONTROL.has(query.sql.toLowerCase())) return;
      this.#recording?.push({ sql: query.sql, parameters: query.parameters });
    });
  }

  static postgres(url: string, connections = 1): RecordingDb {
    return new RecordingDb(
      (log) =>
        new Kysely<Database>({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: connections }) }),
          log: (event) => {
            if (event.level === 'query') log(event.query);
          },
        }),
    );
  }

  /** PGlite in this process, through the service's own prepared-statement driver. */
  static pglite(dataDir: string): RecordingDb {
    return new RecordingDb(
      (log) =>
        new Kysely<Database>({
          dialect: new PreparedPGliteDialect(() => PGlite.create(pgliteDir(dataDir))),
          log: (event) => {
            if (event.level === 'query') log(event.query);
          },
        }),
    );
  }

  /**
   * Records what `outside` and then `inTransaction` send (the latter calls code that opens
   * its own transaction, as the route does): the statements with a begin/commit around the second.
   */
  async record(outside: () => Promise<unknown>, inTransaction: () => Promise<unknown>): Promise<Step[]> {
    const steps: Step[] = [];
    this.#recording = steps;
    try {
      await outside();
      steps.push('begin');
      await inTransaction();
      steps.push('commit');
    } finally {
      this.#recording = undefined;
    }
    return steps;
  }

  destroy(): Promise<void> {
    return this.db.destroy();
  }
}

const HEX64 = /^[0-9a-f]{64}$/;
const randomHex64 = () => randomBytes(32).toString('hex');

/** Fresh values for one replay, in the captured statements' places. */
export interface Fresh {
  userId: string;
  sessionId: string;
  deviceId: string;
  subscriptionId: string;
  /** One key for the whole request, as the client sends it. */
  idempotencyKey?: string;
}

/** The captured values with `fresh` ones in the places of the roles; times shifted to now; component arrays and other hashes new. */
function substitute(value: unknown, roles: Roles, fresh: Fresh, now: Date): unknown {
  if (value instanceof Date) return new Date(now.getTime() + (value.getTime() - roles.now.getTime()));
  if (Array.isArray(value)) return value.map(() => randomHex64());
  if (typeof value !== 'string') return value;
  if (value === roles.userId) return fresh.userId;
  if (value === roles.sessionId) return fresh.sessionId;
  if (value === roles.deviceId) return fresh.deviceId;
  if (value === roles.subscriptionId) return fresh.subscriptionId;
  if (roles.idempotencyKey !== undefined && value === roles.idempotencyKey) return fresh.idempotencyKey ?? randomUUID();
  if (HEX64.test(value)) return randomHex64();
  if (value.includes(roles.deviceId)) return value.replaceAll(roles.deviceId, fresh.deviceId);
  return value;
}

/** Runs the captured steps once more with fresh values, straight on the bench's Kysely (no HTTP, no service code). */
export async function replay(db: Kysely<Database>, steps: readonly Step[], roles: Roles, fresh: Fresh): Promise<void> {
  const now = new Date();
  const query = (step: Step) =>
    typeof step === 'string' ? undefined : CompiledQuery.raw(step.sql, step.parameters.map((v) => substitute(v, roles, fresh, now)));
  const begin = steps.indexOf('begin');
  const end = steps.indexOf('commit');
  for (const step of steps.slice(0, begin)) await db.executeQuery(query(step)!);
  await db.transaction().execute(async (trx) => {
    for (const step of steps.slice(begin + 1, end)) await trx.executeQuery(query(step)!);
  });
}

/** How pgbench writes each role: SQL text expressions over its `\set` variables. */
export interface PgbenchRoles {
  /** `\set` lines at the top of the script. */
  variables: string[];
  userId: string;
  sessionId: string;
  deviceId: string;
  subscriptionId: string;
  idempotencyKey: string;
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** One captured parameter as a pgbench SQL expression of its type. */
function pgbenchValue(value: unknown, type: string, roles: Roles, bench: PgbenchRoles): string {
  const cast = (expression: string) => `(${expression})::${type}`;
  if (value === null || value === undefined) return `null::${type}`;
  if (value instanceof Date) return cast(`now() + interval '${value.getTime() - roles.now.getTime()} milliseconds'`);
  if (Array.isArray(value)) return cast(`array[${value.map(() => 'md5(random()::text) || md5(random()::text)').join(', ')}]`);
  if (typeof value !== 'string') return cast(literal(String(value)));
  if (value === roles.userId) return cast(bench.userId);
  if (value === roles.sessionId) return cast(bench.sessionId);
  if (value === roles.deviceId) return cast(bench.deviceId);
  if (value === roles.subscriptionId) return cast(bench.subscriptionId);
  if (roles.idempotencyKey !== undefined && value === roles.idempotencyKey) return cast(bench.idempotencyKey);
  if (HEX64.test(value)) return cast('md5(random()::text) || md5(random()::text)');
  if (value.includes(roles.deviceId)) return cast(`replace(${literal(value)}, ${literal(roles.deviceId)}, ${bench.deviceId})`);
  return cast(literal(value));
}

/**
 * A pgbench custom script of the captured steps: each `$n` replaced by an expression of
 * the parameter's type (as PostgreSQL infers it for the statement) that gives a fresh value.
 */
export async function pgbenchScript(url: string, steps: readonly Step[], roles: Roles, bench: PgbenchRoles): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const lines = [...bench.variables];
    let n = 0;
    for (const step of steps) {
      if (typeof step === 'string') {
        lines.push(`${step};`);
        continue;
      }
      if (step.parameters.length === 0) {
        lines.push(`${step.sql};`);
        continue;
      }
      const name = `bench_types_${n++}`;
      await client.query(`prepare ${name} as ${step.sql}`);
      const { rows } = await client.query<{ types: string[] }>('select parameter_types::text[] as types from pg_prepared_statements where name = $1', [name]);
      await client.query(`deallocate ${name}`);
      const types = rows[0]!.types;
      const sql = step.sql.replace(/\$(\d+)/g, (_, i: string) => pgbenchValue(step.parameters[Number(i) - 1], types[Number(i) - 1]!, roles, bench));
      lines.push(`${sql};`);
    }
    return `${lines.join('\n')}\n`;
  } finally {
    await client.end();
  }
}

export interface PgbenchResult {
  transactionsPerSecond: number;
  latencyAverageMs: number;
  transactions: number;
  failed: number;
}

/** `pgbench -f` for `seconds` with `clients` connections, prepared statements (as the service's are). */
export async function runPgbench(url: string, script: string, options: { clients: number; seconds: number; dir: string }): Promise<PgbenchResult> {
  const file = join(options.dir, 'bench.pgbench.sql');
  await writeFile(file, script);
  const { stdout } = await run(
    'pgbench',
    ['-n', '-M', 'prepared', '-c', String(options.clients), '-j', '2', '-T', String(options.seconds), '-f', file, url],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const number = (pattern: RegExp) => Number(pattern.exec(stdout)?.[1] ?? NaN);
  const result = {
    transactionsPerSecond: number(/tps = ([\d.]+) \(without initial connection time\)/),
    latencyAverageMs: number(/latency average = ([\d.]+) ms/),
    transactions: number(/number of transactions actually processed: (\d+)/),
    failed: number(/number of failed transactions: (\d+)/) || 0,
  };
  if (!Number.isFinite(result.transactionsPerSecond)) throw new Error(`pgbench said:\n${stdout}`);
  return result;
}
