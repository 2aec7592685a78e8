import { escapeHtml } from './identity-mails';
import type { MailMessage } from './mailer';

const RESET_HINT = "If this wasn't you, reset your password now and then turn on 2-step verification.";

/** A notice: plain paragraphs (and optional facts as a list), no link to follow. */
function notice(to: string, subject: string, name: string, paragraphs: string[], facts: [string, string][] = []): MailMessage {
  const text = [
    `Hello ${name},`,
    '',
    ...paragraphs.flatMap((p, i) => (i === 0 && facts.length > 0 ? [p, '', ...facts.map(([k, v]) => `${k}: ${v}`), ''] : [p, ''])),
    '— Palisade',
  ].join('\n');
  const factList =
    facts.length > 0 ? `<ul>${facts.map(([k, v]) => `<li>${escapeHtml(k)}: <strong>${escapeHtml(v)}</strong></li>`).join('')}</ul>` : '';
  const html = `<!doctype html>
<html lang="en"><body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a">
<p>Hello ${escapeHtml(name)},</p>
${paragraphs.map((p, i) => `<p>${escapeHtml(p)}</p>${i === 0 ? factList : ''}`).join('\n')}
<p>— Palisade</p>
</body></html>`;
  return { to, subject, text, html };
}

const utc = (when: Date): string => `${when.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export const mfaEnabledMail = (to: string, name: string, when: Date): MailMessage =>
  notice(to, '2-step verification is on for your Palisade account', name, [
    `2-step verification was turned on for your Palisade account on ${utc(when)}. Signing in now needs a code from your authenticator app, or one of your recovery codes.`,
    'Keep your recovery codes somewhere safe: they are the way in if you lose your phone.',
    "If this wasn't you, reset your password now: someone else may be signed in to your account.",
  ]);

export const mfaDisabledMail = (to: string, name: string, when: Date): MailMessage =>
  notice(to, '2-step verification is off for your Palisade account', name, [
    `2-step verification was turned off for your Palisade account on ${utc(when)}. Signing in now needs only your password, and your recovery codes no longer work.`,
    RESET_HINT,
  ]);

export const passwordChangedMail = (to: string, name: string, when: Date, how: 'changed' | 'reset'): MailMessage =>
  notice(to, 'Your Palisade password was changed', name, [
    how === 'changed'
      ? `The password of your Palisade account was changed on ${utc(when)}. Every other device was signed out.`
      : `The password of your Palisade account was reset with an e-mailed link on ${utc(when)}. Every device was signed out.`,
    "If this wasn't you, reset your password now with “Forgot password?” on the sign-in screen, and contact support.",
  ]);

export const recoveryCodeUsedMail = (to: string, name: string, when: Date, left: number): MailMessage =>
  notice(to, 'A recovery code was used to sign in to Palisade', name, [
    `One of your recovery codes was used to sign in to your Palisade account on ${utc(when)}. Each code works once: ${
      left === 1 ? '1 code is' : `${left} codes are`
    } left.`,
    left <= 3
      ? 'You are running out: turn 2-step verification off and on again in Settings → Security to get ten new codes.'
      : 'To get ten new codes, turn 2-step verification off and on again in Settings → Security.',
    RESET_HINT,
  ]);

export const newSignInMail = (
  to: string,
  name: string,
  signIn: { deviceName: string | null; clientAddress: string | null; when: Date },
): MailMessage =>
  notice(
    to,
    'New sign-in to your Palisade account',
    name,
    [
      'Your Palisade account was just signed in to from a device it has not seen before:',
      'If this was you, there is nothing to do.',
      "If this wasn't you, reset your password now and end that session in Settings → Security.",
    ],
    [
      ['Device', signIn.deviceName ?? 'Unnamed device'],
      ['Time', utc(signIn.when)],
      ['Address', signIn.clientAddress ?? 'unknown'],
    ],
  );
