import type { Language } from '../../../shared/i18n/languages';
import { neutralisedText } from '../../../shared/text';
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

/**
 * A sentence whose values are safe on one line: a name stored before the text rule (or
 * from anywhere) cannot break a line of the body or subject, nor reorder the text around it.
 */
function inert(sentence: Sentence): Sentence {
  if (sentence.values === undefined) return sentence;
  const values = Object.fromEntries(
    Object.entries(sentence.values).map(([name, value]) => [
      name,
      typeof value === 'string' ? neutralisedText(value) : value,
    ]),
  );
  return { ...sentence, values };
}

const inertFact = (fact: Fact): Fact => ({ ...fact, value: neutralisedText(fact.value) });

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
  const greeting = inert(greetingOf(mail.name));
  const [subject, intro, action, outro] = [
    inert(mail.subject),
    inert(mail.intro),
    inert(mail.action),
    inert(mail.outro),
  ];
  const link = escapeHtml(mail.link);
  return {
    to: mail.to,
    subject: text(subject.id, subject.values),
    text: [
      text(greeting.id, greeting.values),
      '',
      text(intro.id, intro.values),
      '',
      mail.link,
      '',
      text(outro.id, outro.values),
      '',
      text('mail.signature'),
    ].join('\n'),
    html: document(language, [
      `<p>${html(greeting.id, greeting.values)}</p>`,
      `<p>${html(intro.id, intro.values)}</p>`,
      `<p><a href="${link}" style="${buttonStyle}">${html(action.id, action.values)}</a></p>`,
      `<p>${html('mail.openThisLink', {}, { link: `<a href="${link}">${link}</a>` })}</p>`,
      `<p>${html(outro.id, outro.values)}</p>`,
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
  givenFacts: Fact[] = [],
): MailMessage {
  const { text, html } = messagesIn(recipient.language);
  const greeting = inert(greetingOf(recipient.name));
  const facts = givenFacts.map(inertFact);
  const sentences = paragraphs.map(inert);
  const { id: subjectId, values: subjectValues } = inert(subject);
  const factLines = facts.map((fact) => text(fact.id, { [fact.name]: fact.value }));
  const factList =
    facts.length > 0
      ? `<ul>${facts.map((fact) => `<li>${html(fact.id, {}, { [fact.name]: `<strong>${escapeHtml(fact.value)}</strong>` })}</li>`).join('')}</ul>`
      : '';
  return {
    to: recipient.email,
    subject: text(subjectId, subjectValues),
    text: [
      text(greeting.id, greeting.values),
      '',
      ...sentences.flatMap((p, i) => {
        const line = text(p.id, p.values);
        return i === 0 && facts.length > 0 ? [line, '', ...factLines, ''] : [line, ''];
      }),
      text('mail.signature'),
    ].join('\n'),
    html: document(recipient.language, [
      `<p>${html(greeting.id, greeting.values)}</p>`,
      ...sentences.map((p, i) => `<p>${html(p.id, p.values)}</p>${i === 0 ? factList : ''}`),
      `<p>${html('mail.signature')}</p>`,
    ]),
  };
}
