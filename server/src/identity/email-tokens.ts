import type { Db } from '../db/database';
import type { EmailTokenPurpose } from '../db/schema';
import { EMAIL_CODE_TRIES, newEmailCode } from './email-codes';
import { hashPassword } from './password-hashing';
import { hashToken, newSecretToken } from './secret-tokens';

/** What an e-mail carries: the link's token and, for typing into the app, its code. */
export interface EmailToken {
  token: string;
  code: string;
}

export const EMAIL_TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  confirm_email: 24 * 60 * 60 * 1000,
  reset_password: 30 * 60 * 1000,
};

/**
 * A new single-use token for an e-mail link, and its code (email-codes.ts); only their hashes
 * are stored. A new reset token retires the earlier ones, so only the newest reset e-mail works.
 * The code is hashed like a password (argon2id, salted): a copy of the database must not let
 * anyone run through a live code's 2^40 values in minutes, as a fast hash would.
 */
export async function issueEmailToken(db: Db, userId: string, purpose: EmailTokenPurpose, now: Date, outsideLimit = false): Promise<EmailToken> {
  const token = newSecretToken();
  const code = newEmailCode();
  const codeHash = await hashPassword(code);
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
      code_hash: codeHash,
      code_tries_left: EMAIL_CODE_TRIES,
      outside_limit: outsideLimit,
    })
    .execute();
  return { token, code };
}

/** At most one e-mail of a purpose a minute and five an hour to one account (docs/api.md "Identity"). */
export const EMAIL_TOKEN_LIMITS = [
  { windowMs: 60 * 1000, max: 1 },
  { windowMs: 60 * 60 * 1000, max: 5 },
] as const;

/**
 * `issueEmailToken` within the account's limit: null when the account has had its share of
 * these e-mails (or does not exist). The tokens already issued are the count, so every
 * mail that carries one is counted wherever it was asked for; the account's row is locked
 * while counting, so requests racing for one account take turns and cannot both slip under.
 * An unknown id runs the same lock and count and gets null.
 */
export async function issueLimitedEmailToken(
  db: Db,
  userId: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<EmailToken | null> {
  return db.transaction().execute(async (trx) => {
    const account = await trx.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
    const longest = Math.max(...EMAIL_TOKEN_LIMITS.map((limit) => limit.windowMs));
    const recent = await trx
      .selectFrom('email_tokens')
      .select('created_at')
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('outside_limit', '=', false)
      .where('created_at', '>', new Date(now.getTime() - longest))
      .execute();
    const overLimit = EMAIL_TOKEN_LIMITS.some(
      (limit) => recent.filter((row) => row.created_at.getTime() > now.getTime() - limit.windowMs).length >= limit.max,
    );
    if (!account || overLimit) return null;
    return issueEmailToken(trx, userId, purpose, now);
  });
}

/**
 * The account of a live token (issued for this purpose, unused, unexpired), without using it
 * up: lets a caller refuse a bad token before it does costly work. Null when it is not live.
 */
export async function liveEmailTokenUser(db: Db, token: string, purpose: EmailTokenPurpose, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('email_tokens')
    .select('user_id')
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.user_id ?? null;
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
