import type { MessageId } from '../i18n/catalogues';

/**
 * A first check before asking the main process, which validates properly: catches the
 * empty field and the obvious slip without a round trip. Answers the sentence's key.
 */
export function emailProblem(email: string): MessageId | null {
  if (email === '') return 'auth.email.missing';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return 'auth.email.malformed';
  return null;
}
