import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLength } from '../../../shared/password-policy';

export type StrengthScore = 0 | 1 | 2 | 3 | 4;
/** What the meter says; its sentence is `auth.strength.<verdict>` in the catalogue. */
export type StrengthVerdict = 'tooShort' | 'tooLong' | 'weak' | 'fair' | 'good' | 'strong';
export interface Strength {
  score: StrengthScore;
  verdict: StrengthVerdict;
}

const verdicts: Record<StrengthScore, StrengthVerdict> = {
  0: 'tooShort',
  1: 'weak',
  2: 'fair',
  3: 'good',
  4: 'strong',
};

const sequences = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/**
 * A rough guide while typing, not the policy: length counts most (ASVS: no composition
 * rules), with a nudge for variety and a penalty for the patterns people reach for first.
 * The service decides what is refused (WEAK_PASSWORD).
 */
export function passwordStrength(password: string, personal: readonly string[] = []): Strength {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return { score: 0, verdict: verdicts[0] };
  if (length > PASSWORD_MAX_LENGTH) return { score: 0, verdict: 'tooLong' };

  let points = length >= 20 ? 4 : length >= 15 ? 3 : length >= 11 ? 2 : 1;
  const kinds = [/\p{Ll}/u, /\p{Lu}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((re) => re.test(password)).length;
  if (kinds >= 3) points += 1;

  const lower = password.toLowerCase();
  if (/(.)\1{2,}/u.test(password) || new Set(lower).size <= Math.ceil(length / 4)) points -= 2;
  if (/^\p{N}+$/u.test(password)) points -= 1;
  if (hasRun(lower, 4)) points -= 1;
  const words = ['password', 'passw0rd', 'palisade', 'letmein', 'welcome', 'iloveyou', 'qwerty', 'admin'];
  for (const part of personal) if (part.trim().length >= 3) words.push(part.trim().toLowerCase());
  if (words.some((w) => lower.includes(w))) points -= 1;

  const score = Math.min(4, Math.max(1, points)) as StrengthScore;
  return { score, verdict: verdicts[score] };
}

/** A run of `size` characters from a keyboard row or the alphabet, either direction. */
function hasRun(text: string, size: number): boolean {
  for (let i = 0; i + size <= text.length; i++) {
    const chunk = text.slice(i, i + size);
    const reversed = [...chunk].reverse().join('');
    if (sequences.some((s) => s.includes(chunk) || s.includes(reversed))) return true;
  }
  return false;
}
