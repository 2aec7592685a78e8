import { type Recipient, noticeMail } from './mail-layout';
import { messagesIn } from '../i18n/service-messages';
import type { MailMessage } from './mailer';

/** The support e-mails (docs/api.md "Support"), as pure functions of what they say. */

/** A new ticket: its number, to quote on the phone. */
export function ticketOpenedMail(to: Recipient, ticket: { number: string; subject: string }): MailMessage {
  const values = { number: ticket.number, subject: ticket.subject };
  return noticeMail(to, { id: 'support.mail.opened.subject', values }, [
    { id: 'support.mail.opened.body', values },
    { id: 'support.mail.opened.number', values },
  ]);
}

/** An agent's reply, with its text, so the customer need not open the app to read it. */
export function ticketReplyMail(to: Recipient, input: { number: string; agent: string; body: string }): MailMessage {
  return noticeMail(to, { id: 'support.mail.reply.subject', values: { number: input.number } }, [
    { id: 'support.mail.reply.intro', values: { agent: input.agent, number: input.number } },
    { id: 'support.mail.reply.body', values: { body: input.body } },
    { id: 'support.mail.reply.answer' },
  ]);
}

/** A chat that ended: the conversation, one line a message, so the customer keeps what was said. */
export function chatTranscriptMail(
  to: Recipient,
  chat: { startedAt: Date; messages: { authorName: string; body: string; at: Date }[] },
): MailMessage {
  const date = messagesIn(to.language).dateTime(chat.startedAt);
  return noticeMail(to, { id: 'support.mail.chat.subject' }, [
    { id: 'support.mail.chat.intro', values: { date } },
    // The clock of each line is the service's, in UTC, as the intro's date says.
    ...chat.messages.map((message) => ({
      id: 'support.mail.chat.line' as const,
      values: { time: message.at.toISOString().slice(11, 16), name: message.authorName, body: message.body },
    })),
    { id: 'support.mail.chat.more' },
  ]);
}
