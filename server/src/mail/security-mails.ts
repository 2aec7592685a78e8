import { messagesIn } from '../i18n/service-messages';
import { noticeMail, type Recipient } from './mail-layout';
import type { MailMessage } from './mailer';

/** When it happened, in the reader's language (and in UTC, as it says). */
const at = (to: Recipient, when: Date) => ({ when: messagesIn(to.language).dateTime(when) });

export const mfaEnabledMail = (to: Recipient, when: Date): MailMessage =>
  noticeMail(to, { id: 'mail.mfaEnabled.subject' }, [
    { id: 'mail.mfaEnabled.body', values: at(to, when) },
    { id: 'mail.mfaEnabled.keepCodes' },
    { id: 'mail.mfaEnabled.notYou' },
  ]);

export const mfaDisabledMail = (to: Recipient, when: Date): MailMessage =>
  noticeMail(to, { id: 'mail.mfaDisabled.subject' }, [
    { id: 'mail.mfaDisabled.body', values: at(to, when) },
    { id: 'mail.resetHint' },
  ]);

export const passwordChangedMail = (to: Recipient, when: Date, how: 'changed' | 'reset'): MailMessage =>
  noticeMail(to, { id: 'mail.passwordChanged.subject' }, [
    { id: how === 'changed' ? 'mail.passwordChanged.changed' : 'mail.passwordChanged.reset', values: at(to, when) },
    { id: 'mail.passwordChanged.notYou' },
  ]);

export const recoveryCodeUsedMail = (to: Recipient, when: Date, left: number): MailMessage =>
  noticeMail(to, { id: 'mail.recoveryCodeUsed.subject' }, [
    { id: 'mail.recoveryCodeUsed.body', values: { ...at(to, when), left } },
    { id: left <= 3 ? 'mail.recoveryCodeUsed.runningOut' : 'mail.recoveryCodeUsed.newCodes' },
    { id: 'mail.resetHint' },
  ]);

export function newSignInMail(
  to: Recipient,
  signIn: { deviceName: string | null; clientAddress: string | null; when: Date },
): MailMessage {
  const messages = messagesIn(to.language);
  return noticeMail(
    to,
    { id: 'mail.newSignIn.subject' },
    [{ id: 'mail.newSignIn.intro' }, { id: 'mail.newSignIn.ifYou' }, { id: 'mail.newSignIn.notYou' }],
    [
      {
        id: 'mail.newSignIn.device',
        name: 'device',
        value: signIn.deviceName ?? messages.text('mail.newSignIn.unnamedDevice'),
      },
      { id: 'mail.newSignIn.time', name: 'time', value: messages.dateTime(signIn.when) },
      {
        id: 'mail.newSignIn.address',
        name: 'address',
        value: signIn.clientAddress ?? messages.text('mail.newSignIn.unknownAddress'),
      },
    ],
  );
}
