import { randomInt } from 'node:crypto';
import type { Db } from '../db/database';
import type { MfaKeys } from './mfa-keys';

export const RECOVERY_CODE_COUNT = 10;
/** Crockford's base32 in lower case: no i, l, o or u to misread; 10 symbols are 50 bits. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** `xxxx-xxxx-xx`: short enough to type from paper, grouped to keep the place. */
export function newRecoveryCode(): string {
  const symbols = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;
}

/** Forgiving input: any case, dashes or spaces anywhere, o→0 and i/l→1 as in product keys. */
export function normaliseRecoveryCode(input: string): string | null {
  const symbols = input
    .toLowerCase()
    .replace(/[\s-]+/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  return /^[0-9a-hjkmnp-tv-z]{10}$/.test(symbols) ? symbols : null;
}

/** Replaces the account's recovery codes with ten new ones; returns them (they are shown once). */
export async function issueRecoveryCodes(db: Db, keys: MfaKeys, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db
    .insertInto('recovery_codes')
    .values(codes.map((code) => ({ code_hash: keys.recoveryCodeHash(normaliseRecoveryCode(code)!), user_id: userId, created_at: now, used_at: null })))
    .execute();
  return codes;
}

/**
 * Uses up a recovery code: the number still unused when it was one of the account's
 * unused codes, null otherwise. The conditional update makes each code work once, even
 * under concurrent requests.
 */
export async function consumeRecoveryCode(db: Db, keys: MfaKeys, userId: string, input: string, now: Date): Promise<number | null> {
  const code = normaliseRecoveryCode(input);
  if (!code) return null;
  const used = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('code_hash', '=', keys.recoveryCodeHash(code))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .returning('code_hash')
    .executeTakeFirst();
  if (!used) return null;
  const left = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(left.n);
}
