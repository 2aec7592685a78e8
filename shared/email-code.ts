import { z } from 'zod';

/**
 * The 8-character code of a confirmation or reset e-mail (docs/api.md "Identity"): Crockford
 * base32, 40 bits, shown as `XXXX-XXXX`. People type it from another screen, so any case,
 * with or without the dash or spaces, and Crockford's look-alikes (O for 0, I and L for 1)
 * all read as the same code.
 */
export const EMAIL_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const EMAIL_CODE_LENGTH = 8;

/** The code as stored and compared: upper case, no separators, look-alikes folded. */
export function normaliseEmailCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** Whether the typed text is a whole code once normalised (not whether it is the right one). */
export function isEmailCodeShaped(typed: string): boolean {
  const code = normaliseEmailCode(typed);
  return code.length === EMAIL_CODE_LENGTH && [...code].every((symbol) => EMAIL_CODE_ALPHABET.includes(symbol));
}

/** `XXXX-XXXX`, as the e-mail shows it. */
export function formatEmailCode(code: string): string {
  const plain = normaliseEmailCode(code);
  return `${plain.slice(0, 4)}-${plain.slice(4)}`;
}

export const emailCodeSchema = z
  .string()
  .max(32)
  .overwrite(normaliseEmailCode)
  .regex(/^[0-9A-HJKMNP-TV-Z]{8}$/, 'Enter the 8-character code from the e-mail, like 7QX2-M4KD.');
