import { ServiceError } from '../http/service-error';
import { passwordResetMail } from '../mail/identity-mails';
import { queueMail } from '../mail/outbox';
import { passwordChangedMail } from '../mail/security-mails';
import type { Services } from '../services';
import { emailLink } from './email-links';
import { useEmailCode } from './email-codes';
import { consumeEmailToken, EMAIL_TOKEN_TTL_MS, issueLimitedEmailToken, liveEmailTokenUser } from './email-tokens';
import { lockedForSeconds, recordWrongPassword } from './lockout';
import { hashPassword, verifyPassword } from './password-hashing';
import { assertPasswordAcceptable } from './password-policy';
import { revokeSessions } from './sessions';
import { accountLocked, invalidCredentials } from './sign-in';
import { findUserByEmail, findUserById } from './users';

/** Stands in for the account an unknown address does not have, so both cases run the same statements. */
const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';

/**
 * The work of "Forgot password?", done after the route has answered 202: a reset link
 * for an address that has an account, within its limit (one a minute, five an hour:
 * email-tokens.ts). An unknown address runs the same look-up, lock and count, and sends
 * nothing.
 */
export async function requestPasswordReset(services: Services, email: string): Promise<void> {
  const user = await findUserByEmail(services.db, email);
  const issued = await issueLimitedEmailToken(services.db, user?.id ?? NO_ACCOUNT, 'reset_password', services.now());
  if (!user || issued === null) return;
  await queueMail(services.db, passwordResetMail(user, emailLink(services.publicUrl(), 'reset_password', issued.token), issued.code), services.now());
}

const resetTokenInvalid = () =>
  new ServiceError('TOKEN_INVALID', 'This reset code is not valid: it may have been used already or have expired. Ask for a new one.');

/**
 * Sets a new password from a reset link, or from the e-mail's code typed with the address:
 * unlocks the account, ends every session, and confirms the e-mail address (having the
 * e-mail proves it).
 */
export async function resetPassword(
  services: Services,
  input: { token: string; password: string } | { email: string; code: string; password: string },
): Promise<void> {
  // Length and common passwords first, the same for every token or code.
  assertPasswordAcceptable(input.password);
  const now = services.now();
  let userId: string | null;
  let passwordHash: string;
  if ('token' in input) {
    // A made-up token must not cost a password hash: that would let anyone keep the
    // hashing threads busy for free.
    const owner = await liveEmailTokenUser(services.db, input.token, 'reset_password', now);
    const account = owner ? await findUserById(services.db, owner) : undefined;
    if (!account) throw resetTokenInvalid();
    assertPasswordAcceptable(input.password, 'password', account.email);
    passwordHash = await hashPassword(input.password);
    userId = await consumeEmailToken(services.db, input.token, 'reset_password', now);
  } else {
    // The policy first (it needs only what was typed), so a weak password spends no try.
    assertPasswordAcceptable(input.password, 'password', input.email);
    userId = await useEmailCode(services.db, { ...input, purpose: 'reset_password', ttlMs: EMAIL_TOKEN_TTL_MS.reset_password, now }, resetTokenInvalid);
    passwordHash = await hashPassword(input.password);
  }
  if (!userId) throw resetTokenInvalid();
  await services.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('email_confirmed_at').where('id', '=', userId).executeTakeFirstOrThrow();
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        password_changed_at: now,
        failed_login_count: 0,
        locked_until: null,
        email_confirmed_at: user.email_confirmed_at ?? now,
        updated_at: now,
      })
      .where('id', '=', userId)
      .execute();
    await revokeSessions(trx, { userId, now, reason: 'password_reset' });
    const account = await findUserById(trx, userId);
    if (account) await queueMail(trx, passwordChangedMail(account, now, 'reset'), now);
  });
}

/**
 * Changes the password of a signed-in user who knows the current one, and ends every other
 * session. A wrong current password counts toward the lockout like a wrong sign-in.
 */
export async function changePassword(
  services: Services,
  auth: { userId: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const { db } = services;
  const user = await findUserById(db, auth.userId);
  if (!user) throw new ServiceError('UNAUTHORIZED', 'Sign in to continue.');
  const locked = lockedForSeconds(user, services.now());
  if (locked > 0) throw accountLocked(locked);
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    const { lockedFor: lockedNow } = await recordWrongPassword(db, user.id, services.now());
    if (lockedNow > 0) throw accountLocked(lockedNow);
    throw invalidCredentials();
  }
  assertPasswordAcceptable(input.newPassword, 'newPassword', user.email);
  const passwordHash = await hashPassword(input.newPassword);
  const now = services.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: now, failed_login_count: 0, updated_at: now })
      .where('id', '=', user.id)
      .execute();
    await revokeSessions(trx, { userId: user.id, except: auth.sessionId, now, reason: 'password_changed' });
    await queueMail(trx, passwordChangedMail(user, now, 'changed'), now);
  });
}
