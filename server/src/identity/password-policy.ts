import { readFileSync } from 'node:fs';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordContainsEmail, passwordLengthProblem } from '../../../shared/password-policy';
import { ServiceError } from '../http/service-error';

/** Why a password is refused (OWASP ASVS 5.0 §6.2: length, common passwords and the account's own address). */
export type PasswordWeakness = 'too_short' | 'too_long' | 'too_common' | 'contains_email';

const listFile = new URL('../../data/common-passwords.txt', import.meta.url);

let shipped: ReadonlySet<string> | undefined;

/** The 10,000 most common passwords shipped in server/data (see its README). */
export function commonPasswords(): ReadonlySet<string> {
  shipped ??= parseCommonPasswords(readFileSync(listFile, 'utf8'));
  return shipped;
}

export function parseCommonPasswords(text: string): ReadonlySet<string> {
  return new Set(
    text
      .split(/\r?\n/)
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== ''),
  );
}

/** Null when the password is acceptable. Composition rules are deliberately absent. */
export function passwordWeakness(
  password: string,
  common: ReadonlySet<string> = commonPasswords(),
  email?: string,
): PasswordWeakness | null {
  const length = passwordLengthProblem(password);
  if (length) return length;
  // Case does not make a common password uncommon: "PASSWORD1" is as guessable as "password1".
  if (common.has(password.toLowerCase())) return 'too_common';
  if (email !== undefined && passwordContainsEmail(password, email)) return 'contains_email';
  return null;
}

const messages: Record<PasswordWeakness, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  too_common: 'That password is one of the most common and easy to guess. Choose another.',
  contains_email: 'That password contains your e-mail address or its first part. Choose another.',
};

/**
 * Throws 400 WEAK_PASSWORD with `details.reason` when the password breaks the policy; with
 * `email`, also when it contains the account's address. The address comes from the request
 * (sign-up, reset by code) or the account (change, reset by link), never from a look-up of
 * an address the caller typed, so the answer tells nothing about other accounts.
 */
export function assertPasswordAcceptable(password: string, field = 'password', email?: string): void {
  const weakness = passwordWeakness(password, commonPasswords(), email);
  if (!weakness) return;
  throw new ServiceError('WEAK_PASSWORD', messages[weakness], {
    reason: weakness,
    field,
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  });
}
