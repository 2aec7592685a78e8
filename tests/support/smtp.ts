import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import type { Readable } from 'node:stream';

/** The slice of smtp-server (a CommonJS package without bundled types) that we use. */
interface SmtpSession {
  envelope: { rcptTo: { address: string }[] };
}
interface SmtpServerLike {
  server: Server;
  listen(port: number, host: string, callback: () => void): void;
  close(callback: () => void): void;
}
interface SmtpServerOptions {
  authOptional: boolean;
  disabledCommands: string[];
  logger: boolean;
  onData(stream: Readable, session: SmtpSession, callback: (error?: Error | null) => void): void;
}
const { SMTPServer } = createRequire(import.meta.url)('smtp-server') as {
  SMTPServer: new (options: SmtpServerOptions) => SmtpServerLike;
};

export interface CapturedMail {
  to: string;
  subject: string;
  /** The Message-ID header: the outbox keeps it across attempts, so a resent message can be told from a new one. */
  messageId: string;
  /** The text/plain part, transfer encoding undone. */
  text: string;
  raw: string;
}

export interface SmtpCapture {
  /** `smtp://127.0.0.1:<port>`, for the service's SMTP_URL. */
  url: string;
  /**
   * The next message to `to` not yet returned (oldest first), waiting for it to arrive.
   * `subject` narrows it down.
   */
  waitForMessage(to: string, options?: { timeoutMs?: number; subject?: RegExp }): Promise<CapturedMail>;
  messages(): readonly CapturedMail[];
  /**
   * While on, a message is received (and kept, as a real server would have it) but never
   * answered: a sender killed meanwhile cannot know it arrived, which is when a resend of
   * the same Message-ID is the only safe thing it can do.
   */
  holdReplies(on: boolean): void;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps every message it receives. `port` starts it on
 * a port an earlier one used: stopping one and starting another there is "SMTP was down".
 */
export async function startSmtpCapture(options: { port?: number } = {}): Promise<SmtpCapture> {
  const received: CapturedMail[] = [];
  const taken = new Set<CapturedMail>();
  const waiters = new Set<() => void>();
  let holding = false;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const parsed = parseMessage(raw);
        for (const rcpt of session.envelope.rcptTo) {
          received.push({ to: rcpt.address.toLowerCase(), subject: parsed.subject, messageId: parsed.messageId, text: parsed.text, raw });
        }
        for (const wake of waiters) wake();
        if (!holding) callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: () => received,
    holdReplies: (on) => {
      holding = on;
    },
    waitForMessage(to, options = {}) {
      const address = to.trim().toLowerCase();
      const find = () =>
        received.find((m) => !taken.has(m) && m.to === address && (!options.subject || options.subject.test(m.subject)));
      return new Promise<CapturedMail>((resolve, reject) => {
        const check = () => {
          const mail = find();
          if (!mail) return false;
          taken.add(mail);
          waiters.delete(check);
          clearTimeout(timer);
          resolve(mail);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No mail to ${address} within ${options.timeoutMs ?? 10_000} ms (got ${received.length} in all)`));
        }, options.timeoutMs ?? 10_000);
        if (!check()) waiters.add(check);
      });
    },
    stop: () => new Promise<void>((resolve) => server.close(resolve)),
  };
}

/** Enough MIME for our own mails: headers, multipart bodies, quoted-printable and base64. */
export function parseMessage(raw: string): { subject: string; messageId: string; text: string } {
  const { headers, body } = splitHeaders(raw);
  return { subject: decodeWords(headers.get('subject') ?? ''), messageId: headers.get('message-id') ?? '', text: findText(headers, body) ?? '' };
}

function splitHeaders(part: string): { headers: Map<string, string>; body: string } {
  const normalised = part.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? '' : normalised.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function findText(headers: Map<string, string>, body: string): string | undefined {
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const inner = splitHeaders(part.replace(/^\n/, ''));
      const text = findText(inner.headers, inner.body);
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (!/^text\/plain/i.test(type)) return undefined;
  return decodeBody(body, headers.get('content-transfer-encoding') ?? '7bit');
}

function decodeBody(body: string, encoding: string): string {
  const trimmed = body.replace(/\n$/, '');
  if (/quoted-printable/i.test(encoding)) {
    const bytes = trimmed.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  if (/base64/i.test(encoding)) return Buffer.from(trimmed.replace(/\s+/g, ''), 'base64').toString('utf8');
  return trimmed;
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`) in headers. */
function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=\s*/gi, (_m, _charset, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
  );
}
