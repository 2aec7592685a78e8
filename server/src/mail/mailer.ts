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

export interface Mailer {
  /**
   * Sends in the background: a request never waits on (or reveals anything by) mail
   * delivery. Failures are logged.
   */
  sendLater(message: MailMessage): void;
  send(message: MailMessage): Promise<void>;
  /** Waits for mail still in flight, then closes the transport. */
  close(): Promise<void>;
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  /** Without SMTP, messages are written here as .eml files. */
  outboxDir: string;
  log: FastifyBaseLogger;
}

/** nodemailer over SMTP_URL, else `.eml` files in the outbox plus a log line naming the file. */
export function createMailer(options: MailerOptions): Mailer {
  const smtp: Transporter | undefined = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  const files = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const inFlight = new Set<Promise<void>>();

  async function send(message: MailMessage): Promise<void> {
    const mail = {
      from: options.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
    };
    if (smtp) {
      await smtp.sendMail(mail);
      options.log.info({ subject: message.subject }, 'mail sent over SMTP');
      return;
    }
    const info = await files.sendMail(mail);
    await mkdir(options.outboxDir, { recursive: true, mode: 0o700 });
    const file = join(options.outboxDir, `${Date.now()}-${randomBytes(4).toString('hex')}.eml`);
    await writeFile(file, info.message as Buffer, { mode: 0o600 });
    // The file name only: a link or token in a log would let whoever reads it into the account.
    options.log.info({ outboxFile: file }, `mail written to the outbox: ${file}`);
  }

  return {
    send,
    sendLater(message) {
      const pending = send(message)
        .catch((error: unknown) =>
          options.log.error({ err: error, subject: message.subject }, 'mail could not be sent'),
        )
        .finally(() => inFlight.delete(pending));
      inFlight.add(pending);
    },
    async close() {
      await Promise.allSettled([...inFlight]);
      smtp?.close();
    },
  };
}
