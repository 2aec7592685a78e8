import { type DevicePlatform, platformNames } from '../../../shared/api/devices';
import type { Language } from '../../../shared/i18n/languages';
import { linkMail } from './mail-layout';
import type { MailMessage } from './mailer';

/**
 * "Protect another device": sent when an invitation is made with an e-mail address. The
 * invitee has no account yet, so it is written in the inviter's language.
 */
export function invitationMail(input: {
  to: string;
  inviterName: string;
  language: Language;
  platform: DevicePlatform;
  link: string;
  validDays: number;
}): MailMessage {
  const values = { inviter: input.inviterName, platform: platformNames[input.platform] };
  return linkMail(input.language, {
    to: input.to,
    subject: { id: 'mail.invitation.subject', values },
    intro: { id: 'mail.invitation.intro', values },
    action: { id: 'mail.invitation.action', values },
    outro: { id: 'mail.invitation.outro', values: { ...values, days: input.validDays } },
    link: input.link,
  });
}
