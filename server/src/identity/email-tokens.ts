import type { Db } from '../db/database';
import type { EmailTokenPurpose } from '../db/schema';
import { hashToken, newSecretToken } from './secret-tokens';

export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  confirm_email: 24 * 60 * 60 * 1000,
  reset_password: 30 * 60 * 1000,
};

/**
 * A new single-use token for an e-mail link; only its hash is stored. A new reset token
 * retires the earlier ones, so only the newest reset e-mail works.
 */
export async function issueEmailToken(db: Db, userId: string, purpose: EmailTokenPurpose, now: Date): Promise<string> {
  const token = newSecretToken();
  if (purpose === 'reset_password') {
    await db
      .updateTable('email_tokens')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  }
  await db
    .insertInto('email_tokens')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      purpose,
      created_at: now,
      expires_at: new Date(now.getTime() + EMAIL_TOKEN_TTL_MS[purpose]),
      used_at: null,
    })
    .execute();
  return token;
}

/**
 * Whether a token is live (issued for this purpose, unused, unexpired) without using it up:
 * lets a caller refuse a bad token before it does costly work.
 */
export async function isLiveEmailToken(db: Db, token: string, purpose: EmailTokenPurpose, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('email_tokens')
    .select('user_id')
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Uses up a token: the user id when it was issued for this purpose and is unused and unexpired; null
 * otherwise. The conditional update makes it single-use even under concurrent requests.
 */
export async function consumeEmailToken(
  db: Db,
  token: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<string | null> {
  const row = await db
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}
