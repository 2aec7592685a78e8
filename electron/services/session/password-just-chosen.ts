/**
 * The password chosen at sign-up, held in this process's memory only, so that confirming the
 * address with the e-mail's code can sign the person in without asking for the password they
 * typed a moment ago. Never written anywhere (not the vault, not a log), kept for one
 * address at a time, handed out once, and forgotten after `ttlMs`: a person confirms within
 * minutes or not at all, and a password in memory longer than that serves nobody.
 */
export interface PasswordJustChosen {
  keep(email: string, password: string): void;
  /** The password, once, if it was chosen for this address within the time; forgotten either way. */
  take(email: string): string | null;
  forget(): void;
}

export const PASSWORD_HOLD_MS = 5 * 60_000;

export function passwordJustChosen(now: () => number = Date.now, ttlMs = PASSWORD_HOLD_MS): PasswordJustChosen {
  let held: { email: string; password: string; until: number } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const forget = () => {
    held = null;
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  return {
    keep(email, password) {
      forget();
      held = { email: email.trim().toLowerCase(), password, until: now() + ttlMs };
      // Forgotten on time even if nobody asks for it again.
      timer = setTimeout(forget, ttlMs);
      timer.unref?.();
    },
    take(email) {
      const found = held && held.email === email.trim().toLowerCase() && held.until > now() ? held.password : null;
      forget();
      return found;
    },
    forget,
  };
}
