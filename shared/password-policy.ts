/**
 * Password rules per OWASP ASVS 5.0 §6.2: length only, no composition rules. The list of
 * common passwords is checked by the account service (it ships the list); the client uses
 * these bounds for its hints and strength meter.
 */
export const PASSWORD_MIN_LENGTH = 8;
/** ASVS asks that at least 64 characters be allowed; we allow more and cap for hashing cost. */
export const PASSWORD_MAX_LENGTH = 128;

/** Length in Unicode code points, as a person counts characters. */
export function passwordLength(password: string): number {
  return [...password].length;
}

export type PasswordProblem = 'too_short' | 'too_long';

export function passwordLengthProblem(password: string): PasswordProblem | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  return null;
}

/** Parts of an address shorter than this are too common in passwords to refuse (“anna”, yes; “al”, no). */
export const EMAIL_PART_MIN_LENGTH = 4;

/**
 * Whether the password contains the e-mail address or its local part (case-insensitive, 4
 * characters or more): the first thing a guesser who knows the address tries.
 */
export function passwordContainsEmail(password: string, email: string): boolean {
  const lowered = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split('@')[0] ?? '';
  return [address, localPart].some((part) => passwordLength(part) >= EMAIL_PART_MIN_LENGTH && lowered.includes(part));
}
