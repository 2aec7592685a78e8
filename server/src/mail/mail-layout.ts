import type { Language } from '../../../shared/i18n/languages';
import { escapeHtml } from '../html/escape-html';
import { type MessageId, messagesIn } from '../i18n/service-messages';
import type { MailMessage } from './mailer';

/** Whom an account's mail goes to, and the language it is written in. */
export interface Recipient {
  email: string;
  name: string;
  language: Language;
}

/** A sentence of a mail: its catalogue key and its values. */
export interface Sentence {
  id: MessageId;
  values?: Record<string, string | number>;
}

/** A fact under a notice's first paragraph (“Device: Tablet”); the value is shown in bold. */
export interface Fact {
  id: MessageId;
  name: string;
  value: string;
}

const bodyStyle = 'font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a';
const buttonStyle =
  'display: inline-block; padding: 10px 16px; background: #1f4fd1; color: #ffffff; border-radius: 6px; text-decoration: none';

function greetingOf(name: string | undefined): Sentence {
  return name === undefined ? { id: 'mail.greetingNoName' } : { id: 'mail.greeting', values: { name } };
}

const document = (language: Language, paragraphs: string[]) => `<!doctype html>
<html lang="${language}"><body style="${bodyStyle}">
${paragraphs.join('\n')}
</body></html>`;

/**
 * A mail whose point is one link: greeting, what it is for, a button, the link spelled out,
 * and what to do if it was not expected. `name` undefined greets nobody by name.
 */
export function linkMail(
  language: Language,
  mail: {
    to: string;
    name?: string;
    subject: Sentence;
    intro: Sentence;
    action: Sentence;
    outro: Sentence;
    link: string;
  },
): MailMessage {
  const { text, html } = messagesIn(language);
  const greeting = greetingOf(mail.name);
  const link = escapeHtml(mail.link);
  return {
    to: mail.to,
    subject: text(mail.subject.id, mail.subject.values),
    text: [
      text(greeting.id, greeting.values),
      '',
      text(mail.intro.id, mail.intro.values),
      '',
      mail.link,
      '',
      text(mail.outro.id, mail.outro.values),
      '',
      text('mail.signature'),
    ].join('\n'),
    html: document(language, [
      `<p>${html(greeting.id, greeting.values)}</p>`,
      `<p>${html(mail.intro.id, mail.intro.values)}</p>`,
      `<p><a href="${link}" style="${buttonStyle}">${html(mail.action.id, mail.action.values)}</a></p>`,
      `<p>${html('mail.openThisLink', {}, { link: `<a href="${link}">${link}</a>` })}</p>`,
      `<p>${html(mail.outro.id, mail.outro.values)}</p>`,
      `<p>${html('mail.signature')}</p>`,
    ]),
    link: mail.link,
  };
}

/** A notice: plain paragraphs, with optional facts under the first one, and no link to follow. */
export function noticeMail(
  recipient: Recipient,
  subject: Sentence,
  paragraphs: Sentence[],
  facts: Fact[] = [],
): MailMessage {
  const { text, html } = messagesIn(recipient.language);
  const greeting = greetingOf(recipient.name);
  const factLines = facts.map((fact) => text(fact.id, { [fact.name]: fact.value }));
  const factList =
    facts.length > 0
      ? `<ul>${facts.map((fact) => `<li>${html(fact.id, {}, { [fact.name]: `<strong>${escapeHtml(fact.value)}</strong>` })}</li>`).join('')}</ul>`
      : '';
  return {
    to: recipient.email,
    subject: text(subject.id, subject.values),
    text: [
      text(greeting.id, greeting.values),
      '',
      ...paragraphs.flatMap((p, i) => {
        const line = text(p.id, p.values);
        return i === 0 && facts.length > 0 ? [line, '', ...factLines, ''] : [line, ''];
      }),
      text('mail.signature'),
    ].join('\n'),
    html: document(recipient.language, [
      `<p>${html(greeting.id, greeting.values)}</p>`,
      ...paragraphs.map((p, i) => `<p>${html(p.id, p.values)}</p>${i === 0 ? factList : ''}`),
      `<p>${html('mail.signature')}</p>`,
    ]),
  };
}
