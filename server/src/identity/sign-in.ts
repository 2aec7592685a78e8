import { sql } from 'kysely';
import type { LoginResponse, SignedIn, TokenPair } from '../../../shared/api/identity';
import type { Db } from '../db/database';
import type { User } from '../db/schema';
import { ServiceError } from '../http/service-error';
import { queueMail } from '../mail/outbox';
import { newSignInMail } from '../mail/security-mails';
import type { Services } from '../services';
import { issueMfaChallenge } from './mfa-challenges';
import type { SignInOrigin } from './new-sign-in';
import { keepDeviceToken } from './device-tokens';
import { accountFailures, deviceTokenFailures, unknownAddressFailures, unknownAddressHash } from './lockout';
import { verifyAgainstDummy, verifyPassword } from './password-hashing';
import { hashToken } from './secret-tokens';
import { rotateRefreshToken, startSession } from './sessions';
import { sendConfirmation } from './sign-up';

/** One answer for an unknown e-mail and a wrong password, so neither reveals the other. */
export const invalidCredentials = (attemptsLeft?: number) =>
  // The last try before the lock says so (docs/api.md "Identity"); an unknown address's
  // count runs the same, so the warning tells nothing either.
  attemptsLeft === 1
    ? new ServiceError('INVALID_CREDENTIALS', 'The e-mail address or password is not right. One more wrong password locks the account for 15 minutes.', { attemptsLeft })
    : new ServiceError('INVALID_CREDENTIALS', 'The e-mail address or password is not right.');

export const accountLocked = (retryAfterSeconds: number) =>
  new ServiceError(
    'ACCOUNT_LOCKED',
    'Too many wrong passwords. Your account is locked for a while; try again later or reset your password.',
    { retryAfterSeconds },
  );

/**
 * Who signs in and what judges the attempt, in one query whatever the case, so neither an
 * unknown address nor a device token changes how long it takes: the account (if the address
 * has one), the device token presented (if it is one of that account's) and, for an address
 * with no account, its live failure row.
 */
async function findSignInSubject(db: Db, email: string, deviceToken: string | undefined, now: Date) {
  const emailHash = unknownAddressHash(email);
  const row = await db
    .selectFrom(sql<{ probe: number }>`(select 1 as probe)`.as('probe'))
    .leftJoin('users', (join) => join.on('users.email', '=', email))
    .leftJoin('device_tokens', (join) =>
      // A hash is hex: '' matches no token.
      join.onRef('device_tokens.user_id', '=', 'users.id').on('device_tokens.token_hash', '=', deviceToken ? hashToken(deviceToken) : ''),
    )
    .leftJoin('unknown_address_failures', (join) =>
      join.on('users.id', 'is', null).on('unknown_address_failures.email_hash', '=', emailHash).on('unknown_address_failures.expires_at', '>', now),
    )
    .selectAll('users')
    .select([
      'device_tokens.id as device_token_id',
      'device_tokens.failed_count as device_token_failed_count',
      'device_tokens.last_failed_at as device_token_last_failed_at',
      'device_tokens.locked_until as device_token_locked_until',
      'unknown_address_failures.locked_until as unknown_locked_until',
    ])
    .executeTakeFirstOrThrow();
  const { device_token_id, device_token_failed_count, device_token_last_failed_at, device_token_locked_until, unknown_locked_until, ...userColumns } = row;
  if (userColumns.id === null) {
    return { user: undefined, deviceTokenId: null, failures: unknownAddressFailures(db, emailHash, unknown_locked_until ? { locked_until: unknown_locked_until } : null) };
  }
  const user = userColumns as User;
  if (device_token_id === null) return { user, deviceTokenId: null, failures: accountFailures(db, user) };
  const token = { id: device_token_id, failed_count: device_token_failed_count ?? 0, last_failed_at: device_token_last_failed_at, locked_until: device_token_locked_until };
  return { user, deviceTokenId: device_token_id, failures: deviceTokenFailures(db, token, user) };
}

/**
 * Checks the password and starts a session. Order matters: the lock is checked first (a
 * locked account spends no hashing), the password next, and only a right password
 * learns that the e-mail still needs confirming. An address with no account takes the same
 * steps (a dummy hash, its own count and lock), so neither the 401 nor the 423 tells.
 */
export async function signIn(
  services: Services,
  input: { email: string; password: string; deviceName?: string | undefined; deviceToken?: string | undefined; clientAddress?: string | undefined },
  /** Called once per lock, by the wrong password that set it, to tell the owner (lock-notice.ts). */
  onLocked: (user: User) => void = () => {},
): Promise<LoginResponse> {
  const { db } = services;
  const { user, deviceTokenId, failures } = await findSignInSubject(db, input.email, input.deviceToken, services.now());

  const locked = failures.lockedFor(services.now());
  if (locked > 0) throw accountLocked(locked);

  const right = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !right) {
    const counted = await failures.record(services.now());
    if (user && counted.locked) onLocked(user);
    if (counted.lockedFor > 0) throw accountLocked(counted.lockedFor);
    throw invalidCredentials(counted.attemptsLeft);
  }
  // With 2-step verification on, the count clears only after the second step: otherwise a
  // right password would wipe the wrong codes and make guessing codes endless.
  if (!user.mfa_enabled) await failures.clear();

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
    // The second step is judged by the same count, so the challenge remembers the token.
    const mfaToken = await issueMfaChallenge(db, { userId: user.id, ...origin, deviceTokenId, now: services.now() });
    return { mfaRequired: true, mfaToken };
  }
  return startSignedInSession(services, user, origin, deviceTokenId);
}

/**
 * Starts the session of a completed sign-in, renews (or issues) the installation's device
 * token and, when it comes from a device the account has not seen before (see
 * new-sign-in.ts), e-mails a "new sign-in" notice.
 */
export async function startSignedInSession(services: Services, user: User, origin: SignInOrigin, deviceTokenId: string | null): Promise<SignedIn> {
  const now = services.now();
  const session = await startSession(services.db, { userId: user.id, origin, now });
  const deviceToken = await keepDeviceToken(services.db, { userId: user.id, deviceTokenId, now });
  if (session.fromNewDevice) await queueMail(services.db, newSignInMail(user, { ...origin, when: now }), now);
  return { ...tokenPair(services, user.id, session.sessionId, session.refreshToken), deviceToken };
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
