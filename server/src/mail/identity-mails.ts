import type { MailMessage } from './mailer';

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function mail(to: string, subject: string, name: string, lines: { intro: string; action: string; outro: string }, link: string): MailMessage {
  const text = [`Hello ${name},`, '', lines.intro, '', link, '', lines.outro, '', '— Palisade'].join('\n');
  const html = `<!doctype html>
<html lang="en"><body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a">
<p>Hello ${escapeHtml(name)},</p>
<p>${escapeHtml(lines.intro)}</p>
<p><a href="${escapeHtml(link)}" style="display: inline-block; padding: 10px 16px; background: #1f4fd1; color: #ffffff; border-radius: 6px; text-decoration: none">${escapeHtml(lines.action)}</a></p>
<p>Or open this link: <a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>
<p>${escapeHtml(lines.outro)}</p>
<p>— Palisade</p>
</body></html>`;
  return { to, subject, text, html, link };
}

export const confirmationMail = (to: string, name: string, link: string): MailMessage =>
  mail(
    to,
    'Confirm your e-mail address for Palisade',
    name,
    {
      intro: 'Confirm your e-mail address to finish creating your Palisade account. The link works for 24 hours.',
      action: 'Confirm my e-mail address',
      outro: 'If you did not create a Palisade account, ignore this e-mail.',
    },
    link,
  );

export const passwordResetMail = (to: string, name: string, link: string): MailMessage =>
  mail(
    to,
    'Reset your Palisade password',
    name,
    {
      intro: 'Someone (we hope you) asked to reset the password of your Palisade account. The link works for 30 minutes, once.',
      action: 'Choose a new password',
      outro: 'If you did not ask for this, ignore this e-mail: your password stays the same.',
    },
    link,
  );
