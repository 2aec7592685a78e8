import { type DevicePlatform, platformNames } from '../../../shared/api/devices';
import { escapeHtml } from './identity-mails';
import type { MailMessage } from './mailer';

/** "Protect another device": sent when an invitation is made with an e-mail address. */
export function invitationMail(input: { to: string; inviterName: string; platform: DevicePlatform; link: string; validDays: number }): MailMessage {
  const platform = platformNames[input.platform];
  const subject = `${input.inviterName} invited you to protect a ${platform} device with Palisade`;
  const intro = `${input.inviterName} has a Palisade subscription and would like this ${platform} device protected by it. Open the link on that device to install Palisade and add it.`;
  const outro = `The link works once, for ${input.validDays} days. If you do not know ${input.inviterName}, ignore this e-mail.`;
  const text = ['Hello,', '', intro, '', input.link, '', outro, '', '— Palisade'].join('\n');
  const html = `<!doctype html>
<html lang="en"><body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a">
<p>Hello,</p>
<p>${escapeHtml(intro)}</p>
<p><a href="${escapeHtml(input.link)}" style="display: inline-block; padding: 10px 16px; background: #1f4fd1; color: #ffffff; border-radius: 6px; text-decoration: none">Set up Palisade on ${escapeHtml(platform)}</a></p>
<p>Or open this link: <a href="${escapeHtml(input.link)}">${escapeHtml(input.link)}</a></p>
<p>${escapeHtml(outro)}</p>
<p>— Palisade</p>
</body></html>`;
  return { to: input.to, subject, text, html, link: input.link };
}
