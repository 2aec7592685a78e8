import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The link the message carries (never logged: it is the way into the account). */
  link?: string;
  /** Files sent with the message, such as an invoice PDF (stored with the queued message). */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** A queued message as the outbox worker sends it: with the Message-ID fixed when it was queued. */
export interface OutgoingMail extends MailMessage {
  messageId: string;
}

/** Hands one message to SMTP (or the outbox folder); the outbox worker (outbox-worker.ts) decides when. */
export interface MailTransport {
  send(message: OutgoingMail): Promise<void>;
  close(): void;
}

export interface MailTransportOptions {
  smtpUrl: string | undefined;
  from: string;
  /** Without SMTP, messages are written here as .eml files. */
  outboxDir: string;
  log: FastifyBaseLogger;
}

/**
 * How long one SMTP exchange may take; well inside the worker's claim on the message
 * (outbox-worker.ts), so a live sender never outlasts its claim and meets a second one.
 */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** nodemailer over SMTP_URL, else `.eml` files in the outbox plus a log line naming the file. */
export function createMailTransport(options: MailTransportOptions): MailTransport {
  const smtp: Transporter | undefined = options.smtpUrl ? nodemailer.createTransport({ url: options.smtpUrl, ...SMTP_TIMEOUTS }) : undefined;
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  return {
    async send(message) {
      const mail = {
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: message.messageId,
        attachments: (message.attachments ?? []).map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
      };
      if (smtp) {
        await smtp.sendMail(mail);
        options.log.info({ subject: message.subject, messageId: message.messageId }, 'mail sent over SMTP');
        return;
      }
      const info = await files.sendMail(mail);
      await mkdir(options.outboxDir, { recursive: true, mode: 0o700 });
      const file = join(options.outboxDir, `${Date.now()}-${randomBytes(4).toString('hex')}.eml`);
      await writeFile(file, info.message as Buffer, { mode: 0o600 });
      // The file name only: a link or token in a log would let whoever reads it into the account.
      options.log.info({ outboxFile: file }, `mail written to the outbox: ${file}`);
    },
    close() {
      smtp?.close();
    },
  };
}
