import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { User } from '../db/schema';

/** 5 wrong passwords (or second-step codes) in a row lock for 15 minutes. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
/**
 * A wrong password more than a day older than the next one is forgotten. An unknown
 * address's failures must be forgotten some time (its row expires), and a real account
 * forgets after the same day, so the two still answer alike however slowly someone probes.
 */
export const FAILURE_MEMORY_MS = 24 * 60 * 60 * 1000;

/**
 * What a sign-in is judged by: the account's count and lock, a device token's own count
 * and lock (so a stranger's guesses cannot lock the owner out of the app they use), or,
 * for an address that has no account, a count and lock that behave exactly like an
 * account's (so the lock tells nothing).
 */
export interface FailureCount {
  /** Seconds until the lock ends; 0 when not locked. */
  lockedFor(now: Date): number;
  /** Counts one failure; on the 5th in a row it locks and starts the count again. */
  record(now: Date): Promise<CountedFailure>;
  /** After a success: the count starts again. */
  clear(): Promise<void>;
}

/** What one failure left behind. */
export interface CountedFailure {
  /** Seconds now locked for (0 when not locked): also when a concurrent failure set the lock a moment earlier. */
  lockedFor: number;
  /** Wrong tries left before the lock (when not locked): 1 after the fourth in a row. */
  attemptsLeft: number;
  /** This very failure set the lock: true for one failure per lock, whatever runs concurrently. */
  locked: boolean;
}

const secondsUntil = (until: Date | null, now: Date): number => {
  const ms = until ? until.getTime() - now.getTime() : 0;
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
};

/** Seconds until the account unlocks; 0 when it is not locked. */
export function lockedForSeconds(user: Pick<User, 'locked_until'>, now: Date): number {
  return secondsUntil(user.locked_until, now);
}

/**
 * The assignments that count one failure, evaluated against the row as it was (one atomic
 * statement, so concurrent guesses cannot slip past the threshold): the count starts at 1
 * when the last failure is from before `since` (any older lock is then void too), and at
 * the threshold the row locks until `lockedUntil` and the count starts again.
 */
function countOneFailure(columns: { count: string; lastFailedAt: string; lockedUntil: string }, since: Date, lockedUntil: Date) {
  const count = sql.ref(columns.count);
  const last = sql.ref(columns.lastFailedAt);
  const fresh = sql<boolean>`(${last} is null or ${last} <= ${since}::timestamptz)`;
  const next = sql<number>`(case when ${fresh} then 1 else ${count} + 1 end)`;
  const locks = sql<boolean>`${next} >= ${LOCKOUT_THRESHOLD}`;
  return {
    count: sql<number>`case when ${locks} then 0 else ${next} end`,
    // A lock from before `since` (a password reset, say) is void; a newer one, a concurrent failure's, stays.
    lockedUntil: sql<Date | null>`case when ${locks} then ${lockedUntil}::timestamptz when ${fresh} then null else ${sql.ref(columns.lockedUntil)} end`,
  };
}

/**
 * What a failure left. The failure that locks leaves the count at 0 under its own new lock;
 * one that ran a moment after it counts 1 under that lock, so only one is `locked`.
 */
function countedAfter(row: { locked_until: Date | null; count: number } | undefined, now: Date, lockedUntil: Date): CountedFailure {
  if (!row) return { lockedFor: 0, attemptsLeft: LOCKOUT_THRESHOLD, locked: false };
  const lockedFor = secondsUntil(row.locked_until, now);
  return {
    lockedFor,
    attemptsLeft: Math.max(0, LOCKOUT_THRESHOLD - row.count),
    locked: lockedFor > 0 && row.count === 0 && row.locked_until?.getTime() === lockedUntil.getTime(),
  };
}

/** Counts a wrong password against the account. */
export async function recordWrongPassword(db: Db, userId: string, now: Date): Promise<CountedFailure> {
  const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
  const counted = countOneFailure(
    { count: 'failed_login_count', lastFailedAt: 'last_failed_login_at', lockedUntil: 'locked_until' },
    new Date(now.getTime() - FAILURE_MEMORY_MS),
    lockedUntil,
  );
  const row = await db
    .updateTable('users')
    .set({ failed_login_count: counted.count, locked_until: counted.lockedUntil, last_failed_login_at: now })
    .where('id', '=', userId)
    .returning(['locked_until', 'failed_login_count as count'])
    .executeTakeFirst();
  return countedAfter(row, now, lockedUntil);
}

/** A right password (or a password reset) clears the count and any lock. */
export async function clearWrongPasswords(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: null })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('failed_login_count', '>', 0), eb('locked_until', 'is not', null)]))
    .execute();
}

/** The account's own count, for sign-ins without a valid device token. */
export function accountFailures(db: Db, user: Pick<User, 'id' | 'failed_login_count' | 'locked_until'>): FailureCount {
  return {
    lockedFor: (now) => lockedForSeconds(user, now),
    record: (now) => recordWrongPassword(db, user.id, now),
    clear: async () => {
      if (user.failed_login_count > 0 || user.locked_until) await clearWrongPasswords(db, user.id);
    },
  };
}

export interface DeviceTokenFailures {
  id: string;
  failed_count: number;
  last_failed_at: Date | null;
  locked_until: Date | null;
}

/**
 * A device token's own count. A password reset or change unlocks every token of the account
 * without touching them: failures from before `password_changed_at` no longer count.
 */
export function deviceTokenFailures(db: Db, token: DeviceTokenFailures, user: Pick<User, 'password_changed_at'>): FailureCount {
  const fromBeforeNewPassword = !token.last_failed_at || token.last_failed_at < user.password_changed_at;
  return {
    lockedFor: (now) => (fromBeforeNewPassword ? 0 : secondsUntil(token.locked_until, now)),
    async record(now) {
      const memory = new Date(now.getTime() - FAILURE_MEMORY_MS);
      const since = memory > user.password_changed_at ? memory : user.password_changed_at;
      const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
      const counted = countOneFailure({ count: 'failed_count', lastFailedAt: 'last_failed_at', lockedUntil: 'locked_until' }, since, lockedUntil);
      const row = await db
        .updateTable('device_tokens')
        .set({ failed_count: counted.count, locked_until: counted.lockedUntil, last_failed_at: now })
        .where('id', '=', token.id)
        .returning(['locked_until', 'failed_count as count'])
        .executeTakeFirst();
      return countedAfter(row, now, lockedUntil);
    },
    async clear() {
      if (token.failed_count === 0 && !token.locked_until) return;
      await db.updateTable('device_tokens').set({ failed_count: 0, last_failed_at: null, locked_until: null }).where('id', '=', token.id).execute();
    },
  };
}

/** The key of an address that has no account: its hash, so the table is no list of addresses. */
export const unknownAddressHash = (normalisedEmail: string): string =>
  createHash('sha256').update(`palisade unknown address\0${normalisedEmail}`, 'utf8').digest('hex');

/** Expired rows of unknown addresses a failure clears on its way, so the table stays small without a job. */
const PURGE_PER_FAILURE = 20;

/**
 * The count of an address with no account: kept like an account's (same threshold, lock,
 * memory), in a row that expires a day after its last failure. `row` is its live row, if any.
 */
export function unknownAddressFailures(db: Db, emailHash: string, row: { locked_until: Date | null } | null): FailureCount {
  return {
    lockedFor: (now) => secondsUntil(row?.locked_until ?? null, now),
    async record(now) {
      const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
      const expiresAt = new Date(now.getTime() + FAILURE_MEMORY_MS);
      const table = 'unknown_address_failures';
      // An expired row of this address is counted afresh (its last failure is older than a day).
      const counted = countOneFailure({ count: `${table}.failed_count`, lastFailedAt: `${table}.last_failed_at`, lockedUntil: `${table}.locked_until` }, new Date(now.getTime() - FAILURE_MEMORY_MS), lockedUntil);
      const saved = await db
        // One statement: the purge of others' expired rows rides along with the count.
        .with('purge', (qb) =>
          qb.deleteFrom(table).where('email_hash', 'in', (eb) =>
            eb.selectFrom(table).select('email_hash').where('expires_at', '<=', now).where('email_hash', '!=', emailHash).limit(PURGE_PER_FAILURE),
          ),
        )
        .insertInto(table)
        .values({ email_hash: emailHash, failed_count: 1, last_failed_at: now, locked_until: null, expires_at: expiresAt })
        .onConflict((oc) =>
          oc.column('email_hash').doUpdateSet({ failed_count: counted.count, locked_until: counted.lockedUntil, last_failed_at: now, expires_at: expiresAt }),
        )
        .returning(['locked_until', 'failed_count as count'])
        .executeTakeFirst();
      return countedAfter(saved, now, lockedUntil);
    },
    clear: async () => {},
  };
}

