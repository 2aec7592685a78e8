import type { Db } from '../db/database';
import { hashToken, newSecretToken } from './secret-tokens';

/** How long the second step of a sign-in may take. */
export const MFA_CHALLENGE_TTL_MS = 5 * 60 * 1000;

export interface MfaChallenge {
  tokenHash: string;
  userId: string;
  deviceName: string | null;
  clientAddress: string | null;
  /** The device token the sign-in came with, whose count judges the second step; null without one. */
  deviceTokenId: string | null;
}

/**
 * The `mfaToken` of a sign-in whose password was right: 256 random bits, stored hashed, bound
 * to that account, to the device name and address the session will carry, and to the
 * device token the sign-in presented (if any).
 */
export async function issueMfaChallenge(
  db: Db,
  input: { userId: string; deviceName: string | null; clientAddress: string | null; deviceTokenId: string | null; now: Date },
): Promise<string> {
  const token = newSecretToken();
  await db
    .insertInto('mfa_challenges')
    .values({
      token_hash: hashToken(token),
      user_id: input.userId,
      device_name: input.deviceName,
      client_address: input.clientAddress,
      device_token_id: input.deviceTokenId,
      created_at: input.now,
      expires_at: new Date(input.now.getTime() + MFA_CHALLENGE_TTL_MS),
      used_at: null,
    })
    .execute();
  return token;
}

/** The live challenge of `token` (unused, unexpired), or null for anything else. */
export async function findMfaChallenge(db: Db, token: string, now: Date): Promise<MfaChallenge | null> {
  const row = await db
    .selectFrom('mfa_challenges')
    .select(['token_hash', 'user_id', 'device_name', 'client_address', 'device_token_id'])
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { tokenHash: row.token_hash, userId: row.user_id, deviceName: row.device_name, clientAddress: row.client_address, deviceTokenId: row.device_token_id } : null;
}

/** Uses up a challenge after a right code; false when another request used it first. */
export async function consumeMfaChallenge(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('mfa_challenges')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .returning('token_hash')
    .executeTakeFirst();
  return row !== undefined;
}
