import { randomUUID } from 'node:crypto';
import type { Language } from '../../../shared/i18n/languages';
import { isUniqueViolation } from '../db/database';
import type { User } from '../db/schema';
import { ServiceError } from '../http/service-error';
import { accountExistsMail, confirmationMail } from '../mail/identity-mails';
import type { Recipient } from '../mail/mail-layout';
import { queueMail } from '../mail/outbox';
import type { Services } from '../services';
import { emailLink } from './email-links';
import { useEmailCode } from './email-codes';
import { consumeEmailToken, EMAIL_TOKEN_TTL_MS, issueLimitedEmailToken } from './email-tokens';
import { hashPassword } from './password-hashing';
import { findUserByEmail } from './users';

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  language?: Language | undefined;
}

/**
 * The work of `POST /v1/auth/signup`, done after the route has answered 202 (the password
 * policy is checked before, the same for every address). A new address gets an unconfirmed
 * account and its confirmation e-mail; an address that has an account gets an e-mail
 * saying so, and its account is left as it is. The password is hashed in both cases.
 */
export async function signUp(services: Services, input: SignUpInput): Promise<void> {
  const { db } = services;
  const passwordHash = await hashPassword(input.password);
  const existing = await findUserByEmail(db, input.email);
  if (existing) return tellTheOwner(services, existing);

  const now = services.now();
  const user = { id: randomUUID(), email: input.email, name: input.name, language: input.language ?? 'en' } as const;
  try {
    await db
      .insertInto('users')
      .values({
        ...user,
        password_hash: passwordHash,
        email_confirmed_at: null,
        locked_until: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
  } catch (error) {
    // Two sign-ups racing for one address: the unique index decides, and the later one is
    // a sign-up for a taken address.
    const winner = isUniqueViolation(error) ? await findUserByEmail(db, input.email) : undefined;
    if (winner) return tellTheOwner(services, winner);
    throw error;
  }
  await sendConfirmation(services, user);
}

/** A sign-up for an address that has an account: an e-mail to its owner, and nothing else changes. */
async function tellTheOwner(services: Services, user: User): Promise<void> {
  if (!user.email_confirmed_at) {
    // Whoever signs up again for an unconfirmed account most likely lost the first e-mail
    // (or it expired): a fresh confirmation link is what helps, within the same limits as
    // any other confirmation e-mail. A password reset also confirms the address, so an
    // owner who did not set this account up can still take it over by "Forgot password?".
    return sendConfirmation(services, user);
  }
  // The sign-in instructions and a reset link, for an owner who forgot they had an account
  // (or its password). It carries a reset token, so it shares the reset e-mails' limit.
  const issued = await issueLimitedEmailToken(services.db, user.id, 'reset_password', services.now());
  if (issued === null) return;
  await queueMail(services.db, accountExistsMail(user, emailLink(services.publicUrl(), 'reset_password', issued.token), issued.code), services.now());
}

/**
 * E-mails a fresh confirmation link, unless the account has had one in the last minute or
 * five in the last hour (email-tokens.ts): sign-up, sign-in and confirm/resend all come
 * here, so none of them can be used to flood the address.
 */
export async function sendConfirmation(services: Services, user: { id: string } & Recipient): Promise<void> {
  const issued = await issueLimitedEmailToken(services.db, user.id, 'confirm_email', services.now());
  if (issued === null) return;
  await queueMail(services.db, confirmationMail(user, emailLink(services.publicUrl(), 'confirm_email', issued.token), issued.code), services.now());
}

/**
 * The work of `POST /v1/auth/confirm/resend`, after its 202: a new confirmation e-mail
 * when the address has an account that is still unconfirmed, within the limits above.
 */
export async function resendConfirmation(services: Services, email: string): Promise<void> {
  const user = await findUserByEmail(services.db, email);
  if (user && !user.email_confirmed_at) await sendConfirmation(services, user);
}

const confirmationInvalid = () =>
  new ServiceError('TOKEN_INVALID', 'This confirmation link or code is not valid: it may have been used already or have expired.');

/** Confirms the address the token (the link) or the code (typed, with the address) was sent to. */
export async function confirmEmail(services: Services, input: { token: string } | { email: string; code: string }): Promise<void> {
  const now = services.now();
  const userId =
    'token' in input
      ? await consumeEmailToken(services.db, input.token, 'confirm_email', now)
      : await useEmailCode(services.db, { ...input, purpose: 'confirm_email', ttlMs: EMAIL_TOKEN_TTL_MS.confirm_email, now }, confirmationInvalid);
  if (!userId) throw confirmationInvalid();
  await services.db
    .updateTable('users')
    .set({ email_confirmed_at: now, updated_at: now })
    .where('id', '=', userId)
    .where('email_confirmed_at', 'is', null)
    .execute();
}
