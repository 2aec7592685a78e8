import { sql } from 'kysely';
import type { Db } from '../db/database';
import { keptSince } from '../events/account-events';
import { IDEMPOTENCY_KEY_TTL_MS } from '../idempotency/idempotent-write';
import { EMAIL_TOKEN_LIMITS } from '../identity/email-tokens';
import { REFRESH_TOKEN_TTL_MS } from '../identity/sessions';
import type { Job } from './job';

/** Rows deleted per statement, so no statement holds its locks (or PGlite's one connection) long. */
const BATCH = 1000;
/** Statements per table a run, so one run stays bounded; the next minute's run goes on. */
const BATCHES_A_RUN = 20;
/** Sent and given-up mail is kept a week (Message-ID, state: for an operator looking into a complaint). */
const SENT_MAIL_KEPT_MS = 7 * 24 * 60 * 60_000;

/**
 * What has expired, table by table, as of `now`. E-mail tokens (and their codes) stay until
 * their limits' longest window has passed too, since the limits count them; a session goes
 * when its last use is older than a refresh token lives (all its tokens have expired then),
 * with its tokens.
 */
function expiredAt(now: Date): { table: string; where: ReturnType<typeof sql> }[] {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const limitWindow = Math.max(...EMAIL_TOKEN_LIMITS.map((limit) => limit.windowMs));
  return [
    { table: 'sessions', where: sql`last_used_at < ${ago(REFRESH_TOKEN_TTL_MS)}::timestamptz` },
    { table: 'refresh_tokens', where: sql`expires_at < ${now}::timestamptz` },
    { table: 'email_tokens', where: sql`expires_at < ${now}::timestamptz and created_at < ${ago(limitWindow)}::timestamptz` },
    { table: 'mfa_challenges', where: sql`expires_at < ${now}::timestamptz` },
    { table: 'unknown_address_code_tries', where: sql`expires_at <= ${now}::timestamptz` },
    { table: 'unknown_address_failures', where: sql`expires_at <= ${now}::timestamptz` },
    { table: 'idempotency_records', where: sql`created_at < ${ago(IDEMPOTENCY_KEY_TTL_MS)}::timestamptz` },
    { table: 'account_events', where: sql`created_at < ${keptSince(now)}::timestamptz` },
    { table: 'mail_outbox', where: sql`state in ('sent', 'failed') and created_at < ${ago(SENT_MAIL_KEPT_MS)}::timestamptz` },
  ];
}

/** Deletes what has expired in bounded batches; counts per table, only those with any. */
export async function deleteExpiredRecords(db: Db, now: Date): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const { table, where } of expiredAt(now)) {
    let total = 0;
    for (let i = 0; i < BATCHES_A_RUN; i++) {
      // ctid: one statement that works on every table, whatever its key.
      const result = await sql`
        delete from ${sql.table(table)} where ctid in (select ctid from ${sql.table(table)} where ${where} limit ${BATCH}::int)`.execute(db);
      const count = Number(result.numAffectedRows ?? 0);
      total += count;
      if (count < BATCH) break;
    }
    if (total > 0) removed[table] = total;
  }
  return removed;
}

/** Every five minutes: expired rows are dead weight, never wrong (every read checks expiry). */
export const expiredRecordsJob: Job = {
  name: 'expired-records',
  claim: 'once',
  everyMs: 5 * 60_000,
  async run(ctx) {
    const removed = await deleteExpiredRecords(ctx.db, ctx.now);
    const parts = Object.entries(removed).map(([table, count]) => `${count} ${table}`);
    return [parts.length ? `removed ${parts.join(', ')}` : 'nothing had expired'];
  },
};
