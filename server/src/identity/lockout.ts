import type { Db } from '../db/database';
import type { User } from '../db/schema';

/** 5 wrong passwords in a row lock the account for 15 minutes. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;

/** Seconds until the account unlocks; 0 when it is not locked. */
export function lockedForSeconds(user: Pick<User, 'locked_until'>, now: Date): number {
  if (!user.locked_until) return 0;
  const ms = user.locked_until.getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/**
 * Counts a wrong password; on the 5th in a row, locks the account and starts the count
 * again. Returns the seconds the account is now locked for (0 when it is not).
 */
export async function recordWrongPassword(db: Db, userId: string, now: Date): Promise<number> {
  // One atomic increment, so concurrent guesses cannot slip past the threshold.
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_login_count: eb('failed_login_count', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_login_count')
    .executeTakeFirst();
  if (!row || row.failed_login_count < LOCKOUT_THRESHOLD) return 0;
  const lockedUntil = new Date(now.getTime() + LOCKOUT_MS);
  await db
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: lockedUntil, updated_at: now })
    .where('id', '=', userId)
    .execute();
  return LOCKOUT_MS / 1000;
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
