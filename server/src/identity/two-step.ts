import type { SignedIn } from '../../../shared/api/identity';
import type { User } from '../db/schema';
import { ServiceError } from '../http/service-error';
import { queueMail } from '../mail/outbox';
import { mfaDisabledMail, mfaEnabledMail, recoveryCodeUsedMail } from '../mail/security-mails';
import type { Services } from '../services';
import { findDeviceTokenById } from './device-tokens';
import { accountFailures, deviceTokenFailures, lockedForSeconds, recordWrongPassword } from './lockout';
import { consumeMfaChallenge, findMfaChallenge } from './mfa-challenges';
import { mfaKeys } from './mfa-keys';
import { verifyPassword } from './password-hashing';
import { consumeRecoveryCode, issueRecoveryCodes } from './recovery-codes';
import { accountLocked, invalidCredentials, startSignedInSession } from './sign-in';
import { claimTotpStep, looksLikeTotpCode, newTotpSecret, otpauthUrl, totpStep } from './totp';
import { findUserById } from './users';

const mfaInvalid = () =>
  new ServiceError('MFA_INVALID', 'That code is not right, or it was used already. Wait for the next code and try again.');
const alreadyEnabled = () => new ServiceError('MFA_ALREADY_ENABLED', '2-step verification is already on.');
const notEnabled = () => new ServiceError('MFA_NOT_ENABLED', '2-step verification is not on.');

async function signedInUser(services: Services, userId: string): Promise<User> {
  const user = await findUserById(services.db, userId);
  if (!user) throw new ServiceError('UNAUTHORIZED', 'Sign in to continue.');
  return user;
}

/**
 * Turning 2-step verification on or off needs the password, not just an access token: a
 * wrong one counts toward the lockout like a wrong sign-in.
 */
async function confirmPassword(services: Services, user: User, password: string): Promise<void> {
  const locked = lockedForSeconds(user, services.now());
  if (locked > 0) throw accountLocked(locked);
  if (!(await verifyPassword(user.password_hash, password))) {
    const { lockedFor: lockedNow } = await recordWrongPassword(services.db, user.id, services.now());
    if (lockedNow > 0) throw accountLocked(lockedNow);
    throw invalidCredentials();
  }
}

/**
 * Starts (or restarts) setting up TOTP: a new secret, kept sealed and pending until a code
 * from it turns 2-step verification on. Needs the password, so a stolen access token
 * cannot turn it on and lock the owner out.
 */
export async function setupTotp(services: Services, userId: string, password: string): Promise<{ secret: string; otpauthUrl: string }> {
  const user = await signedInUser(services, userId);
  await confirmPassword(services, user, password);
  if (user.mfa_enabled) throw alreadyEnabled();
  const keys = await mfaKeys(services.config.keysDir);
  const secret = newTotpSecret();
  const row = { secret_sealed: keys.seal(secret), enabled_at: null, last_used_step: null, created_at: services.now() };
  await services.db
    .insertInto('totp_credentials')
    .values({ user_id: user.id, ...row })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(row).where('totp_credentials.enabled_at', 'is', null))
    .execute();
  return { secret, otpauthUrl: otpauthUrl(secret, user.email) };
}

/** Turns 2-step verification on with a code from the pending secret; returns the ten recovery codes. */
export async function enableTotp(services: Services, userId: string, code: string): Promise<{ recoveryCodes: string[] }> {
  const { db } = services;
  const user = await signedInUser(services, userId);
  if (user.mfa_enabled) throw alreadyEnabled();
  const pending = await db.selectFrom('totp_credentials').select('secret_sealed').where('user_id', '=', user.id).where('enabled_at', 'is', null).executeTakeFirst();
  if (!pending) throw new ServiceError('CONFLICT', 'Start setting up 2-step verification first.');
  const keys = await mfaKeys(services.config.keysDir);
  const now = services.now();
  const step = totpStep(keys.open(pending.secret_sealed), code, now);
  // The confirming code counts as used, so it cannot also sign in.
  if (step === null || !(await claimTotpStep(db, user.id, step))) throw mfaInvalid();

  const recoveryCodes = await db.transaction().execute(async (trx) => {
    const enabled = await trx
      .updateTable('totp_credentials')
      .set({ enabled_at: now })
      .where('user_id', '=', user.id)
      .where('enabled_at', 'is', null)
      .returning('user_id')
      .executeTakeFirst();
    if (!enabled) throw alreadyEnabled();
    await trx.updateTable('users').set({ mfa_enabled: true, updated_at: now }).where('id', '=', user.id).execute();
    const codes = await issueRecoveryCodes(trx, keys, user.id, now);
    await queueMail(trx, mfaEnabledMail(user, now), now);
    return codes;
  });
  return { recoveryCodes };
}

/** Turns 2-step verification off; needs the password, which counts toward the lockout when wrong. */
export async function disableTotp(services: Services, userId: string, password: string): Promise<void> {
  const { db } = services;
  const user = await signedInUser(services, userId);
  await confirmPassword(services, user, password);
  if (!user.mfa_enabled) throw notEnabled();
  const now = services.now();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('totp_credentials').where('user_id', '=', user.id).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', user.id).execute();
    await trx.updateTable('users').set({ mfa_enabled: false, updated_at: now }).where('id', '=', user.id).execute();
    await queueMail(trx, mfaDisabledMail(user, now), now);
  });
}

/**
 * The second step of a sign-in: a TOTP code (each time step once, one step of drift either
 * way) or a recovery code (each once) trades the `mfaToken` for a session. A forged,
 * used or expired token is MFA_INVALID; a wrong code counts toward the lockout as a wrong
 * password does: against the device token the sign-in came with, if it came with a valid
 * one, else against the account.
 */
export async function completeMfaSignIn(services: Services, input: { mfaToken: string; code: string }): Promise<SignedIn> {
  const { db } = services;
  const now = services.now();
  const challenge = await findMfaChallenge(db, input.mfaToken, now);
  if (!challenge) {
    throw new ServiceError('MFA_INVALID', 'This sign-in has expired. Sign in again with your password.');
  }
  const user = await findUserById(db, challenge.userId);
  if (!user?.mfa_enabled) {
    throw new ServiceError('MFA_INVALID', 'This sign-in has expired. Sign in again with your password.');
  }
  const deviceToken = challenge.deviceTokenId ? await findDeviceTokenById(db, challenge.deviceTokenId, user.id) : undefined;
  const failures = deviceToken ? deviceTokenFailures(db, deviceToken, user) : accountFailures(db, user);
  const locked = failures.lockedFor(now);
  if (locked > 0) throw accountLocked(locked);

  const keys = await mfaKeys(services.config.keysDir);
  let recoveryCodesLeft: number | null = null;
  let accepted = false;
  if (looksLikeTotpCode(input.code)) {
    const credential = await db.selectFrom('totp_credentials').select('secret_sealed').where('user_id', '=', user.id).where('enabled_at', 'is not', null).executeTakeFirst();
    const step = credential ? totpStep(keys.open(credential.secret_sealed), input.code, now) : null;
    accepted = step !== null && (await claimTotpStep(db, user.id, step));
  } else {
    recoveryCodesLeft = await consumeRecoveryCode(db, keys, user.id, input.code, now);
    accepted = recoveryCodesLeft !== null;
  }
  if (!accepted) {
    const { lockedFor: lockedNow } = await failures.record(now);
    if (lockedNow > 0) throw accountLocked(lockedNow);
    throw mfaInvalid();
  }
  if (!(await consumeMfaChallenge(db, challenge.tokenHash, now))) {
    throw new ServiceError('MFA_INVALID', 'This sign-in was already completed. Sign in again with your password.');
  }
  await failures.clear();
  if (recoveryCodesLeft !== null) await queueMail(db, recoveryCodeUsedMail(user, now, recoveryCodesLeft), now);
  return startSignedInSession(services, user, { deviceName: challenge.deviceName, clientAddress: challenge.clientAddress }, deviceToken?.id ?? null);
}
