import { linkMail, type Recipient } from './mail-layout';
import type { MailMessage } from './mailer';

/** A mail of one link to an account's own address, its sentences under `mail.<kind>.…`. */
const accountLinkMail =
  (kind: 'confirmation' | 'passwordReset' | 'accountExists') =>
  (to: Recipient, link: string): MailMessage =>
    linkMail(to.language, {
      to: to.email,
      name: to.name,
      subject: { id: `mail.${kind}.subject` },
      intro: { id: `mail.${kind}.intro` },
      action: { id: `mail.${kind}.action` },
      outro: { id: `mail.${kind}.outro` },
      link,
    });

/** "Confirm your e-mail address": after sign-up, and when an unconfirmed account signs in. */
export const confirmationMail = accountLinkMail('confirmation');

/** "Reset your password": the link of "Forgot password?". */
export const passwordResetMail = accountLinkMail('passwordReset');

/**
 * "You already have a Palisade account": a sign-up for an address that has a confirmed
 * account. How to sign in, and a reset link in case the password is what was forgotten.
 */
export const accountExistsMail = accountLinkMail('accountExists');
