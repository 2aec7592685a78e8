import { sql } from 'kysely';
import { ACCOUNT_EVENTS_KEPT_MINUTES, type AccountEvent } from '../../../shared/api/events';
import type { Db } from '../db/database';
import { announceCommittedEvent } from './local-announcements';

/** A Kysely handle: the app's database or a transaction on it. */
type Queryable = Pick<Db, 'insertInto' | 'getExecutor'>;

/** An event as it is kept and sent: its stream id is `seq`. */
export interface StoredAccountEvent {
  seq: number;
  userId: string;
  event: AccountEvent;
  createdAt: Date;
}

/**
 * Records that something changed in the account, in the caller's transaction when it is
 * given one, so the event exists exactly when the change does. Streams hear of it once it
 * is committed (event-fan-out.ts): through `pg_notify` on PostgreSQL, in this process on
 * the embedded database.
 */
export async function recordAccountEvent(db: Queryable, userId: string, event: AccountEvent, now: Date): Promise<void> {
  const row = await db
    .insertInto('account_events')
    .values({ user_id: userId, type: event.type, data: JSON.stringify(event.data), created_at: now })
    .returning('seq')
    .executeTakeFirstOrThrow();
  announceCommittedEvent(db, userId, Number(row.seq));
}

/** The same for several events at once (one per session that a sign-out everywhere ended). */
export async function recordAccountEvents(db: Queryable, userId: string, events: AccountEvent[], now: Date): Promise<void> {
  for (const event of events) await recordAccountEvent(db, userId, event, now);
}

/** The oldest an event may be and still be replayed; older ones may have been cleaned. */
export const keptSince = (now: Date): Date => new Date(now.getTime() - ACCOUNT_EVENTS_KEPT_MINUTES * 60_000);

/** The account's events after `afterSeq` (and no older than what is kept), oldest first. */
export async function accountEventsAfter(db: Db, userId: string, afterSeq: number, limit: number): Promise<StoredAccountEvent[]> {
  const rows = await db
    .selectFrom('account_events')
    .select(['seq', 'user_id', 'type', 'data', 'created_at'])
    .where('user_id', '=', userId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map(toStored);
}

/** One event by its id, only if it is this account's (a stream never sees another's). */
export async function accountEventBySeq(db: Db, userId: string, seq: number): Promise<StoredAccountEvent | undefined> {
  const row = await db
    .selectFrom('account_events')
    .select(['seq', 'user_id', 'type', 'data', 'created_at'])
    .where('seq', '=', seq)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row && toStored(row);
}

/** The account's newest event id, 0 when it has none kept: where a new stream stands. */
export async function latestAccountEventSeq(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('account_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Deletes events older than what is kept, at most `limit` a call so no call runs long. */
export async function deleteExpiredAccountEvents(db: Db, now: Date, limit = 1000): Promise<number> {
  const result = await sql<{ seq: string }>`
    delete from account_events where seq in (
      select seq from account_events where created_at < ${keptSince(now)}::timestamptz order by seq limit ${limit}::int
    ) returning seq`.execute(db);
  return result.rows.length;
}

function toStored(row: { seq: string | number | bigint; user_id: string; type: string; data: unknown; created_at: Date }): StoredAccountEvent {
  return {
    seq: Number(row.seq),
    userId: row.user_id,
    event: { type: row.type, data: row.data } as AccountEvent,
    createdAt: row.created_at,
  };
}
