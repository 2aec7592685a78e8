import { linkMail, type Recipient } from './mail-layout';
import type { MailMessage } from './mailer';

export const confirmationMail = (to: Recipient, link: string): MailMessage =>
  linkMail(to.language, {
    to: to.email,
    name: to.name,
    subject: { id: 'mail.confirmation.subject' },
    intro: { id: 'mail.confirmation.intro' },
    action: { id: 'mail.confirmation.action' },
    outro: { id: 'mail.confirmation.outro' },
    link,
  });

export const passwordResetMail = (to: Recipient, link: string): MailMessage =>
  linkMail(to.language, {
    to: to.email,
    name: to.name,
    subject: { id: 'mail.passwordReset.subject' },
    intro: { id: 'mail.passwordReset.intro' },
    action: { id: 'mail.passwordReset.action' },
    outro: { id: 'mail.passwordReset.outro' },
    link,
  });
