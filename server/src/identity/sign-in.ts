import type { LoginResponse, TokenPair } from '../../../shared/api/identity';
import type { User } from '../db/schema';
import { ServiceError } from '../http/service-error';
import { newSignInMail } from '../mail/security-mails';
import type { Services } from '../services';
import { issueMfaChallenge } from './mfa-challenges';
import type { SignInOrigin } from './new-sign-in';
import { clearWrongPasswords, lockedForSeconds, recordWrongPassword } from './lockout';
import { verifyAgainstDummy, verifyPassword } from './password-hashing';
import { rotateRefreshToken, startSession } from './sessions';
import { sendConfirmation } from './sign-up';
import { findUserByEmail } from './users';

/** One answer for an unknown e-mail and a wrong password, so neither reveals the other. */
export const invalidCredentials = () =>
  new ServiceError('INVALID_CREDENTIALS', 'The e-mail address or password is not right.');

export const accountLocked = (retryAfterSeconds: number) =>
  new ServiceError(
    'ACCOUNT_LOCKED',
    'Too many wrong passwords. Your account is locked for a while; try again later or reset your password.',
    { retryAfterSeconds },
  );

/**
 * Checks the password and starts a session. Order matters: the lock is checked first (a
 * locked account spends no hashing), the password next, and only a right password
 * learns that the e-mail still needs confirming.
 */
export async function signIn(
  services: Services,
  input: { email: string; password: string; deviceName?: string | undefined; clientAddress?: string | undefined },
): Promise<LoginResponse> {
  const { db } = services;
  const user = await findUserByEmail(db, input.email);
  if (!user) {
    await verifyAgainstDummy(input.password);
    throw invalidCredentials();
  }

  const locked = lockedForSeconds(user, services.now());
  if (locked > 0) throw accountLocked(locked);

  if (!(await verifyPassword(user.password_hash, input.password))) {
    const lockedNow = await recordWrongPassword(db, user.id, services.now());
    if (lockedNow > 0) throw accountLocked(lockedNow);
    throw invalidCredentials();
  }
  // With 2-step verification on, the count clears only after the second step: otherwise a
  // right password would wipe the wrong codes and make guessing codes endless.
  if (!user.mfa_enabled && (user.failed_login_count > 0 || user.locked_until)) await clearWrongPasswords(db, user.id);

  if (!user.email_confirmed_at) {
    // The first e-mail may be lost or expired, and there is no other way to get one.
    await sendConfirmation(services, user);
    throw new ServiceError(
      'EMAIL_NOT_CONFIRMED',
      'Confirm your e-mail address first. We have sent you a new confirmation e-mail.',
    );
  }

  const origin = { deviceName: input.deviceName || null, clientAddress: input.clientAddress ?? null };
  if (user.mfa_enabled) {
    const mfaToken = await issueMfaChallenge(db, { userId: user.id, ...origin, deviceTokenId: null, now: services.now() });
    return { mfaRequired: true, mfaToken };
  }
  return startSignedInSession(services, user, origin);
}

/**
 * Starts the session of a completed sign-in and, when it comes from a device the account
 * has not seen before (see new-sign-in.ts), e-mails a "new sign-in" notice.
 */
export async function startSignedInSession(services: Services, user: User, origin: SignInOrigin): Promise<TokenPair> {
  const now = services.now();
  const session = await startSession(services.db, { userId: user.id, origin, now });
  if (session.fromNewDevice) services.mailer.sendLater(newSignInMail(user, { ...origin, when: now }));
  return tokenPair(services, user.id, session.sessionId, session.refreshToken);
}

/** Rotates the refresh token and issues a fresh access token for the same session. */
export async function refreshSession(services: Services, refreshToken: string): Promise<TokenPair> {
  const next = await rotateRefreshToken(services.db, refreshToken, services.now());
  return tokenPair(services, next.userId, next.sessionId, next.refreshToken);
}

function tokenPair(services: Services, userId: string, sessionId: string, refreshToken: string): TokenPair {
  return {
    accessToken: services.accessTokens.sign({ userId, sessionId }),
    refreshToken,
    expiresIn: services.accessTokens.ttlSeconds,
  };
}
