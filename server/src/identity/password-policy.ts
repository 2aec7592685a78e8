import { readFileSync } from 'node:fs';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLengthProblem } from '../../../shared/password-policy';
import { ServiceError } from '../http/service-error';

/** Why a password is refused (OWASP ASVS 5.0 §6.2: length and common passwords only). */
export type PasswordWeakness = 'too_short' | 'too_long' | 'too_common';

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
): PasswordWeakness | null {
  const length = passwordLengthProblem(password);
  if (length) return length;
  // Case does not make a common password uncommon: "PASSWORD1" is as guessable as "password1".
  if (common.has(password.toLowerCase())) return 'too_common';
  return null;
}

const messages: Record<PasswordWeakness, string> = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
  too_common: 'That password is one of the most common and easy to guess. Choose another.',
};

/** Throws 400 WEAK_PASSWORD with `details.reason` when the password breaks the policy. */
export function assertPasswordAcceptable(password: string, field = 'password'): void {
  const weakness = passwordWeakness(password);
  if (!weakness) return;
  throw new ServiceError('WEAK_PASSWORD', messages[weakness], {
    reason: weakness,
    field,
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  });
}
