import { randomUUID } from 'node:crypto';
import type { Language } from '../../../shared/i18n/languages';
import { isUniqueViolation } from '../db/database';
import { ServiceError } from '../http/service-error';
import { confirmationMail } from '../mail/identity-mails';
import type { Recipient } from '../mail/mail-layout';
import type { Services } from '../services';
import { emailLink } from './email-links';
import { consumeEmailToken, issueEmailToken } from './email-tokens';
import { hashPassword } from './password-hashing';
import { assertPasswordAcceptable } from './password-policy';

const emailTaken = () =>
  new ServiceError('EMAIL_TAKEN', 'An account with this e-mail address already exists. Sign in, or reset your password.');

/** Creates an unconfirmed account and e-mails its confirmation link. */
export async function signUp(
  services: Services,
  input: { email: string; password: string; name: string; language?: Language | undefined },
): Promise<{ userId: string }> {
  assertPasswordAcceptable(input.password);
  const { db } = services;
  const existing = await db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst();
  if (existing) throw emailTaken();

  const now = services.now();
  const userId = randomUUID();
  try {
    await db
      .insertInto('users')
      .values({
        id: userId,
        email: input.email,
        name: input.name,
        language: input.language ?? 'en',
        password_hash: await hashPassword(input.password),
        email_confirmed_at: null,
        locked_until: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
  } catch (error) {
    // Two sign-ups racing for one address: the unique index decides.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  await sendConfirmation(services, { id: userId, email: input.email, name: input.name, language: input.language ?? 'en' });
  return { userId };
}

export async function sendConfirmation(services: Services, user: { id: string } & Recipient): Promise<void> {
  const token = await issueEmailToken(services.db, user.id, 'confirm_email', services.now());
  services.mailer.sendLater(confirmationMail(user, emailLink(services.publicUrl(), 'confirm_email', token)));
}

/** Confirms the address the token was sent to. */
export async function confirmEmail(services: Services, token: string): Promise<void> {
  const now = services.now();
  const userId = await consumeEmailToken(services.db, token, 'confirm_email', now);
  if (!userId) {
    throw new ServiceError('TOKEN_INVALID', 'This confirmation code is not valid: it may have been used already or have expired.');
  }
  await services.db
    .updateTable('users')
    .set({ email_confirmed_at: now, updated_at: now })
    .where('id', '=', userId)
    .where('email_confirmed_at', 'is', null)
    .execute();
}
