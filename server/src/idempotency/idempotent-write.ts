import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database';
import { fieldRefusal } from '../http/field-refusal';
import { errorBody, ServiceError } from '../http/service-error';

/** A response as first sent: what a repeat of the request gets back. */
export interface WriteResult {
  statusCode: number;
  body: unknown;
}

/** How long a key is remembered. A client retries within seconds; a day is generous. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * The `Idempotency-Key` request header (IETF draft-ietf-httpapi-idempotency-key-header):
 * any printable ASCII, such as a UUID. Declared on the routes, so bad keys are a 400.
 */
export const idempotencyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, 'An Idempotency-Key is 1 to 255 printable ASCII characters without spaces.')
    .optional()
    .describe('Makes a retried write safe: a repeat with the same key returns the first response and changes nothing.'),
});

/** JSON with object keys sorted, so equal requests hash equally whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Runs `write` in one transaction and, when the caller sent an Idempotency-Key, records
 * its response in that same transaction, so the write and the record commit together or
 * not at all.
 *
 * - A repeat (same user, same key, same route and request) returns the recorded response,
 *   status and body, and runs nothing. Refusals the write made on purpose (a 4xx such as
 *   SEAT_LIMIT_REACHED) are recorded too, as the IETF draft and Stripe do: the key names
 *   one attempt, and a new attempt takes a new key. Failures of our own (5xx) roll back
 *   everything, record included, so a retry runs again.
 * - The same key with a different request is `422 VALIDATION_FAILED` on the
 *   Idempotency-Key header (we pick 422 as the IETF draft does: the request cannot be
 *   processed as sent, and it says nothing about the resource's state, unlike 409).
 * - Two requests with one key at the same time: the claim is an insert on the primary key,
 *   and PostgreSQL makes the second insert wait until the first transaction ends; it then
 *   finds the recorded response (or, if the first rolled back, claims the key itself).
 *   PGlite runs one transaction at a time, which gives the same result.
 */
export async function idempotentWrite(
  db: Db,
  request: { userId: string; key: string | undefined; route: string; payload: unknown; now: Date },
  write: (trx: Db) => Promise<WriteResult>,
): Promise<WriteResult & { replayed: boolean }> {
  const { userId, key, route, now } = request;
  return db.transaction().execute(async (trx) => {
    if (key === undefined) return { ...(await write(trx)), replayed: false };

    const requestHash = createHash('sha256').update(canonicalJson({ route, payload: request.payload })).digest('hex');
    const claim = () =>
      trx
        .insertInto('idempotency_records')
        .values({ user_id: userId, key, route, request_hash: requestHash, status_code: null, response_body: null, created_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
    // A key is new almost always: claim first, and only when it is taken forget a record
    // past its day and claim again (one statement fewer on every write than deleting first).
    let claimed = await claim();
    if (!claimed) {
      const expired = await trx
        .deleteFrom('idempotency_records')
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_KEY_TTL_MS))
        .executeTakeFirst();
      if (expired.numDeletedRows > 0n) claimed = await claim();
    }

    if (!claimed) {
      const record = await trx
        .selectFrom('idempotency_records')
        .selectAll()
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (record.request_hash !== requestHash || record.status_code === null || record.response_body === null) {
        throw new ServiceError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was already used for a different request.',
          fieldRefusal('idempotency-key', 'Already used for a different request: send a new key for a new request.'),
        );
      }
      return { statusCode: record.status_code, body: JSON.parse(record.response_body) as unknown, replayed: true };
    }

    // The refusal of a write must not keep half of it: roll back to here, keep the claim.
    await sql`savepoint idempotent_write`.execute(trx);
    let result: WriteResult;
    try {
      result = await write(trx);
    } catch (error) {
      if (!(error instanceof ServiceError) || error.statusCode >= 500) throw error;
      await sql`rollback to savepoint idempotent_write`.execute(trx);
      result = { statusCode: error.statusCode, body: errorBody(error.code, error.message, error.details) };
    }
    await trx
      .updateTable('idempotency_records')
      .set({ status_code: result.statusCode, response_body: JSON.stringify(result.body) })
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .execute();
    return { ...result, replayed: false };
  });
}

/** The parts of a Fastify reply that sending a write's answer needs (any route's typed reply has them). */
interface WriteReply<Sent> {
  header(name: string, value: string): unknown;
  code(statusCode: number): { send(body: never): Sent };
}

/** Sends what `idempotentWrite` returned; a repeat says so in `Idempotent-Replayed: true`. */
export function sendWriteResult<Sent>(reply: WriteReply<Sent>, result: WriteResult & { replayed: boolean }): Sent {
  if (result.replayed) void reply.header('idempotent-replayed', 'true');
  return reply.code(result.statusCode).send(result.body as never);
}
