import { createHash, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { EMAIL_CODE_ALPHABET, EMAIL_CODE_LENGTH } from '../../../shared/email-code';
import type { Db } from '../db/database';
import type { EmailTokenPurpose } from '../db/schema';
import { ServiceError } from '../http/service-error';
import { verifyAgainstDummy, verifyPassword } from './password-hashing';
import { findUserByEmail } from './users';

/**
 * A code has 40 bits: fine to type, far too few to be safe alone. What keeps it safe is
 * that each code gets 5 wrong tries, then it is spent, and that codes are sent within the
 * per-account e-mail limits (email-tokens.ts), so a stranger has a handful of guesses an hour.
 */
export const EMAIL_CODE_TRIES = 5;

/** 8 symbols of Crockford base32 from the OS's random source. */
export function newEmailCode(): string {
  return Array.from({ length: EMAIL_CODE_LENGTH }, () => EMAIL_CODE_ALPHABET[randomInt(EMAIL_CODE_ALPHABET.length)]).join('');
}

export const codeInvalid = (attemptsLeft: number) =>
  new ServiceError(
    'CODE_INVALID',
    attemptsLeft > 0
      ? 'That code is not right. Check it against the newest e-mail.'
      : 'That code has had too many wrong tries. Ask for a new e-mail.',
    { attemptsLeft },
  );

const unknownAddressKey = (email: string): string =>
  createHash('sha256').update(`palisade code tries\0${email}`, 'utf8').digest('hex');

/**
 * A try at an address with nothing live to try (no account, no code sent, or only an old
 * one): counted just like a real code's tries, 5 and then none until the count expires, so
 * the answers look alike whether or not the address has an account.
 */
async function countTryWithoutCode(db: Db, email: string, purpose: EmailTokenPurpose, ttlMs: number, now: Date): Promise<number> {
  const table = 'unknown_address_code_tries';
  const expired = sql<boolean>`${sql.ref(`${table}.expires_at`)} <= ${now}::timestamptz`;
  const row = await db
    // Others' expired rows go on the way, so the table stays small without a job.
    .with('purge', (qb) =>
      qb.deleteFrom(table).where('email_hash', 'in', (eb) => eb.selectFrom(table).select('email_hash').where('expires_at', '<=', now).limit(20)),
    )
    .insertInto(table)
    .values({ email_hash: unknownAddressKey(email), purpose, tries_left: EMAIL_CODE_TRIES - 1, expires_at: new Date(now.getTime() + ttlMs) })
    .onConflict((oc) =>
      oc.columns(['email_hash', 'purpose']).doUpdateSet({
        tries_left: sql<number>`case when ${expired} then ${EMAIL_CODE_TRIES - 1} else greatest(${sql.ref(`${table}.tries_left`)} - 1, 0) end`,
        expires_at: sql<Date>`case when ${expired} then ${new Date(now.getTime() + ttlMs)}::timestamptz else ${sql.ref(`${table}.expires_at`)} end`,
      }),
    )
    .returning('tries_left')
    .executeTakeFirstOrThrow();
  return row.tries_left;
}

/**
 * Uses up the link of the newest e-mail of `purpose` sent to `email` by its code: the
 * account's id when the code is right and the link still live. A wrong code is
 * `CODE_INVALID` with the tries left (a try is taken before the code is compared, in one
 * statement, so concurrent guesses cannot share a try); the right code of an expired or used
 * e-mail is `TOKEN_INVALID` (only someone who has the e-mail can tell, so it reveals nothing).
 * Every path spends one hash, so an unknown address answers like a wrong code, in about the
 * same time.
 */
export async function useEmailCode(
  db: Db,
  input: { email: string; code: string; purpose: EmailTokenPurpose; ttlMs: number; now: Date },
  tokenInvalid: () => ServiceError,
): Promise<string> {
  const { email, code, purpose, now } = input;
  const user = await findUserByEmail(db, email);
  const newest = user
    ? await db
        .selectFrom('email_tokens')
        .select(['token_hash', 'code_hash', 'used_at', 'expires_at'])
        .where('user_id', '=', user.id)
        .where('purpose', '=', purpose)
        .where('code_hash', 'is not', null)
        .orderBy('created_at', 'desc')
        .limit(1)
        .executeTakeFirst()
    : undefined;

  if (user && newest?.code_hash && newest.used_at === null && newest.expires_at > now) {
    const tried = await db
      .updateTable('email_tokens')
      .set({ code_tries_left: sql<number>`code_tries_left - 1` })
      .where('token_hash', '=', newest.token_hash)
      .where('code_tries_left', '>', 0)
      .where('used_at', 'is', null)
      .returning('code_tries_left')
      .executeTakeFirst();
    if (!tried) {
      await verifyAgainstDummy(code);
      throw codeInvalid(0);
    }
    if (!(await verifyPassword(newest.code_hash, code))) throw codeInvalid(tried.code_tries_left);
    const used = await db
      .updateTable('email_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', newest.token_hash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('user_id')
      .executeTakeFirst();
    if (!used) throw tokenInvalid();
    return used.user_id;
  }

  if (newest?.code_hash) {
    if (await verifyPassword(newest.code_hash, code)) throw tokenInvalid();
  } else {
    await verifyAgainstDummy(code);
  }
  throw codeInvalid(await countTryWithoutCode(db, email, purpose, input.ttlMs, now));
}
