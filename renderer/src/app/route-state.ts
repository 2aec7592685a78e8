/** What one auth screen hands the next through the router's location state. */
export interface AuthRouteState {
  email?: string;
  /** A token from a deep link or a pasted e-mail link. */
  token?: string;
  /** A message for the sign-in screen about what just happened. */
  notice?: Notice;
  /** When the account unlocks (epoch ms). */
  until?: number;
  /** Where a signed-out visitor was going, to return there after signing in. */
  from?: string;
}

export type Notice = 'confirmed' | 'password-reset';

/** Location state survives reloads and history moves, so read it as untrusted. */
export function readRouteState(state: unknown): AuthRouteState {
  if (typeof state !== 'object' || state === null) return {};
  const s = state as Record<string, unknown>;
  const out: AuthRouteState = {};
  if (typeof s.email === 'string') out.email = s.email;
  if (typeof s.token === 'string') out.token = s.token;
  if (s.notice === 'confirmed' || s.notice === 'password-reset') out.notice = s.notice;
  if (typeof s.until === 'number' && Number.isFinite(s.until)) out.until = s.until;
  if (typeof s.from === 'string' && s.from.startsWith('/')) out.from = s.from;
  return out;
}
