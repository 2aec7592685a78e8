/**
 * A first check before asking the main process, which validates properly: catches the
 * empty field and the obvious slip without a round trip.
 */
export function emailProblem(email: string): string | null {
  if (email === '') return 'Enter your e-mail address.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return 'Enter an e-mail address like name@example.com.';
  return null;
}
