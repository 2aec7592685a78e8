import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import type { DeviceTokenFailures } from './lockout';
import { hashToken, newSecretToken } from './secret-tokens';

/**
 * A device token is what an installation of the app earns by signing in: opaque, 256 random
 * bits, one per account and installation, stored hashed. A sign-in that presents it is
 * judged by its own failure count, not by the lock that other clients caused (lockout.ts).
 *
 * Every successful sign-in hands out a fresh token value for the same row: the service then
 * never needs the token itself after the request that brought it (the second step of a
 * sign-in knows the row, not the token), and a copy taken from the installation stops
 * working at the owner's next sign-in. A lost answer costs only this: the next sign-in is
 * judged by the account's count, as any new installation is, and gets a new token.
 */

/** An account keeps the tokens of its most recently used installations only. */
export const DEVICE_TOKENS_PER_ACCOUNT = 20;

/** The row of device token `id` if it is a token of this account, else undefined. */
export function findDeviceTokenById(db: Db, id: string, userId: string): Promise<DeviceTokenFailures | undefined> {
  return db
    .selectFrom('device_tokens')
    .select(['id', 'failed_count', 'last_failed_at', 'locked_until'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/**
 * After a successful sign-in: the new value of the installation's token (`deviceTokenId`,
 * the valid token it presented, if any), or a new token for an installation that had none.
 * Either way its failure count starts again.
 */
export async function keepDeviceToken(db: Db, input: { userId: string; deviceTokenId: string | null; now: Date }): Promise<string> {
  const { userId, deviceTokenId, now } = input;
  const token = newSecretToken();
  if (deviceTokenId) {
    const renewed = await db
      .updateTable('device_tokens')
      .set({ token_hash: hashToken(token), failed_count: 0, last_failed_at: null, locked_until: null, last_used_at: now })
      .where('id', '=', deviceTokenId)
      .where('user_id', '=', userId)
      .returning('id')
      .executeTakeFirst();
    if (renewed) return token;
  }
  await db
    .insertInto('device_tokens')
    .values({ id: randomUUID(), token_hash: hashToken(token), user_id: userId, created_at: now, last_used_at: now })
    .execute();
  await db
    .deleteFrom('device_tokens')
    .where('user_id', '=', userId)
    .where('id', 'not in', (eb) =>
      eb.selectFrom('device_tokens').select('id').where('user_id', '=', userId).orderBy('last_used_at', 'desc').orderBy('id').limit(DEVICE_TOKENS_PER_ACCOUNT),
    )
    .execute();
  return token;
}
