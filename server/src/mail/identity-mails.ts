import { formatEmailCode } from '../../../shared/email-code';
import { linkMail, type Recipient } from './mail-layout';
import type { MailMessage } from './mailer';

/** A mail of one link to an account's own address, its sentences under `mail.<kind>.…`. */
const accountLinkMail =
  (kind: 'confirmation' | 'passwordReset' | 'accountExists' | 'accountLocked') =>
  (to: Recipient, link: string, code?: string): MailMessage =>
    linkMail(to.language, {
      to: to.email,
      name: to.name,
      subject: { id: `mail.${kind}.subject` },
      // With a code, the intro also tells how to type it into the app (shared/email-code.ts).
      intro: code === undefined ? { id: `mail.${kind}.intro` } : { id: `mail.${kind}.introWithCode`, values: { code: formatEmailCode(code) } },
      action: { id: `mail.${kind}.action` },
      outro: { id: `mail.${kind}.outro` },
      link,
    });

/** "Confirm your e-mail address" (link and code): after sign-up, and when an unconfirmed account signs in. */
export const confirmationMail = accountLinkMail('confirmation');

/** "Reset your password": the link and code of "Forgot password?". */
export const passwordResetMail = accountLinkMail('passwordReset');

/**
 * "You already have a Palisade account": a sign-up for an address that has a confirmed
 * account. How to sign in, and a reset link in case the password is what was forgotten.
 */
export const accountExistsMail = accountLinkMail('accountExists');

/** "Your account is locked": the lock of five wrong passwords, told to the owner with a reset link. */
export const accountLockedMail = accountLinkMail('accountLocked');
