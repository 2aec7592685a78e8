import { Mutex, parse, type PGlite, protocol } from '@electric-sql/pglite';
import {
  AbortedTransactionError,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PGliteAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * Kysely on PGlite with prepared statements.
 *
 * `PGlite.query` (what Kysely's own PGliteDialect calls) parses and plans every statement
 * afresh and crosses into WebAssembly six times to do it (parse, describe, bind, describe,
 * execute, sync). The service runs a small set of statements over and over, so this
 * driver prepares each one once as a named statement, remembers its parameter types and
 * result columns, and from then on runs it as a single Bind + Execute + Sync batch: about
 * a sixth of the work per query (see bench/README.md, "signin").
 *
 * Statements that change the schema (migrations) and parameterless raw SQL (transaction
 * control, savepoints) are not worth keeping and go through `PGlite.query` as before.
 *
 * PGlite is one connection, so this driver hands it out to one user at a time: a Kysely
 * transaction holds it from BEGIN to COMMIT, as the built-in driver does.
 */
export class PreparedPGliteDialect implements Dialect {
  readonly #open: () => Promise<PGlite>;

  constructor(open: () => Promise<PGlite>) {
    this.#open = open;
  }

  createAdapter() {
    return new PGliteAdapter();
  }
  createDriver(): Driver {
    return new PreparedPGliteDriver(this.#open);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

/** Statements kept prepared at once; the least recently used is closed beyond this. */
const MAX_PREPARED_STATEMENTS = 256;

/** Query kinds the application repeats with new values: the ones worth preparing. */
const PREPARED_KINDS = new Set([
  'SelectQueryNode',
  'InsertQueryNode',
  'UpdateQueryNode',
  'DeleteQueryNode',
  'MergeQueryNode',
]);

const shouldPrepare = (query: CompiledQuery) =>
  PREPARED_KINDS.has(query.query.kind) || (query.query.kind === 'RawNode' && query.parameters.length > 0);

type BackendMessage = Parameters<typeof parse.parseResults>[0][number];

interface PreparedStatement {
  name: string;
  /** The type of each parameter, as PostgreSQL inferred it: how to serialise the values. */
  parameterTypes: number[];
  /** The result columns (RowDescription), or null for a statement that returns no rows. */
  rowDescription: BackendMessage | null;
}

class PreparedPGliteDriver implements Driver {
  readonly #open: () => Promise<PGlite>;
  readonly #lock = new Mutex();
  #connection: PreparedPGliteConnection | undefined;
  #release: (() => void) | undefined;

  constructor(open: () => Promise<PGlite>) {
    this.#open = open;
  }

  async init(): Promise<void> {
    const pglite = await this.#open();
    await pglite.waitReady;
    this.#connection = new PreparedPGliteConnection(pglite);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#connection) throw new Error('The database is not open.');
    this.#release = await this.#lock.acquire();
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // PGlite runs one transaction at a time, so every transaction is serialisable in effect.
    if (settings.isolationLevel || settings.accessMode)
      throw new Error('Transaction settings are not supported on PGlite.');
    await (connection as PreparedPGliteConnection).run('begin');
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // COMMIT of a transaction that already failed rolls it back without an error of its own.
    const command = await (connection as PreparedPGliteConnection).run('commit');
    if (command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PreparedPGliteConnection).run('rollback');
  }

  async destroy(): Promise<void> {
    const pglite = this.#connection?.pglite;
    this.#connection = undefined;
    if (pglite && !pglite.closed) await pglite.close();
  }
}

class PreparedPGliteConnection implements DatabaseConnection {
  readonly pglite: PGlite;
  /** Prepared statements by SQL text, least recently used first (a Map keeps insertion order). */
  readonly #statements = new Map<string, PreparedStatement>();
  #nextName = 0;

  constructor(pglite: PGlite) {
    this.pglite = pglite;
  }

  /** Runs transaction control; answers the command tag ("COMMIT", or "ROLLBACK" for a failed transaction). */
  async run(sql: 'begin' | 'commit' | 'rollback'): Promise<string | undefined> {
    const [result] = await this.pglite.exec(sql);
    return (result as { command?: string } | undefined)?.command;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (!shouldPrepare(query)) {
      const result = await this.pglite.query<R>(query.sql, [...query.parameters], { rowMode: 'object' });
      return queryResult(result.rows, result.affectedRows);
    }
    try {
      return await this.#executePrepared<R>(query);
    } catch (error) {
      // A table changed under a statement that returns its columns: prepare it again, and
      // run it again unless a transaction (now failed) has to be retried as a whole.
      if (!isChangedResultType(error)) throw error;
      await this.#forget(query.sql);
      if (this.pglite.isInTransaction()) throw error;
      return this.#executePrepared<R>(query);
    }
  }

  // eslint-disable-next-line require-yield -- part of Kysely's interface; PGlite cannot stream.
  async *streamQuery(): AsyncIterableIterator<never> {
    throw new Error('Streaming is not supported by PGlite.');
  }

  async #executePrepared<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const statement = await this.#prepared(query.sql);
    const { serializers, parsers } = this.pglite;
    const values = query.parameters.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = serializers[statement.parameterTypes[i] ?? 0];
      return serialize ? (serialize(value) as string) : String(value);
    });
    const { messages } = await this.pglite.execProtocol(
      concat([
        protocol.serialize.bind({ statement: statement.name, values }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
      { syncToFs: !this.pglite.isInTransaction() },
    );
    const [result] = parse.parseResults(
      statement.rowDescription ? [statement.rowDescription, ...messages] : messages,
      parsers,
      {
        rowMode: 'object',
      },
    );
    return queryResult((result?.rows ?? []) as R[], result?.affectedRows);
  }

  async #prepared(sql: string): Promise<PreparedStatement> {
    const known = this.#statements.get(sql);
    if (known) {
      this.#statements.delete(sql);
      this.#statements.set(sql, known);
      return known;
    }
    const oldest = this.#statements.size >= MAX_PREPARED_STATEMENTS ? this.#statements.keys().next().value : undefined;
    if (oldest !== undefined) await this.#forget(oldest);

    const name = `palisade_${this.#nextName++}`;
    const { messages } = await this.pglite.execProtocol(
      concat([
        protocol.serialize.parse({ name, text: sql }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const statement: PreparedStatement = {
      name,
      parameterTypes: parse.parseDescribeStatementResults(messages),
      rowDescription: messages.find((message) => message.name === 'rowDescription') ?? null,
    };
    this.#statements.set(sql, statement);
    return statement;
  }

  async #forget(sql: string): Promise<void> {
    const statement = this.#statements.get(sql);
    if (!statement) return;
    this.#statements.delete(sql);
    await this.pglite.execProtocol(
      concat([protocol.serialize.close({ type: 'S', name: statement.name }), protocol.serialize.sync()]),
      {
        syncToFs: false,
      },
    );
  }
}

/** PostgreSQL's "cached plan must not change result type" (a column was added or dropped). */
const isChangedResultType = (error: unknown) =>
  error instanceof Error &&
  'code' in error &&
  error.code === '0A000' &&
  /cached plan must not change result type/.test(error.message);

const queryResult = <R>(rows: R[], affectedRows: number | undefined): QueryResult<R> =>
  affectedRows === undefined ? { rows } : { rows, numAffectedRows: BigInt(affectedRows) };

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
