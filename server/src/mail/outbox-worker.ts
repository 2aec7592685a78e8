import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Db } from '../db/database';
import type { Job } from '../jobs/job';
import type { MailTransport } from './mailer';
import { onLocalMailQueued } from './outbox';

/**
 * A claim on a message lasts this long: a sender that dies mid-send leaves the message to
 * another only after it, and a live one is done well before (mailer.ts's SMTP timeouts).
 */
export const CLAIM_MS = 2 * 60_000;
/** A failed attempt is tried again after 5 s, then 10 s, 20 s … at most an hour apart. */
const FIRST_RETRY_MS = 5_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** A message not sent within a day of being queued is given up (`failed`), and logged. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60_000;
/** The most messages one pass sends, so a pass (and a `jobs run`) stays bounded. */
const MESSAGES_A_PASS = 200;

export const retryDelayMs = (attempts: number): number => Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS);

/**
 * Sends what the outbox holds (mail/outbox.ts), at most once per message: each message is
 * claimed (`queued` → `claimed`, with a claim expiry) by one atomic update that passes over
 * rows another sender has locked, sent, and marked `sent` (its body then dropped: it may
 * carry a link into the account). A claim whose sender died is taken again only once it
 * has run out, and the message goes with the same Message-ID, which the SMTP side can
 * deduplicate. A failure puts it back with a growing delay.
 */
export class OutboxDelivery {
  readonly #db: Db;
  readonly #transport: MailTransport;
  readonly #log: FastifyBaseLogger;
  readonly #me = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  #passing: Promise<string[]> = Promise.resolve([]);

  constructor(options: { db: Db; transport: MailTransport; log: FastifyBaseLogger }) {
    this.#db = options.db;
    this.#transport = options.transport;
    this.#log = options.log;
  }

  /** Sends every message due at `now` (a bounded number), one pass at a time in this process; a line per message sent. */
  deliverDue(now: Date): Promise<string[]> {
    const pass = this.#passing.catch(() => []).then(() => this.#pass(now));
    this.#passing = pass;
    return pass;
  }

  /** When the next queued message or lapsed claim is due, if any. */
  async nextDue(): Promise<Date | undefined> {
    const row = await this.#db
      .selectFrom('mail_outbox')
      .select((eb) => [
        eb.fn.min('next_attempt_at').filterWhere('state', '=', 'queued').as('queued'),
        eb.fn.min('claimed_until').filterWhere('state', '=', 'claimed').as('claimed'),
      ])
      .executeTakeFirst();
    const times = [row?.queued, row?.claimed].filter((t): t is Date => t instanceof Date);
    return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : undefined;
  }

  async close(): Promise<void> {
    await this.#passing.catch(() => {});
    this.#transport.close();
  }

  async #pass(now: Date): Promise<string[]> {
    const lines: string[] = [];
    for (let i = 0; i < MESSAGES_A_PASS; i++) {
      const message = await this.#claimOne(now);
      if (!message) break;
      lines.push(await this.#send(message, now));
    }
    return lines;
  }

  async #claimOne(now: Date) {
    return this.#db
      .updateTable('mail_outbox')
      .set((eb) => ({ state: 'claimed', claimed_by: this.#me, claimed_until: new Date(now.getTime() + CLAIM_MS), attempts: eb('attempts', '+', 1) }))
      .where('id', '=', (eb) =>
        eb
          .selectFrom('mail_outbox')
          .select('id')
          .where((w) =>
            w.or([
              w.and([w('state', '=', 'queued'), w('next_attempt_at', '<=', now)]),
              w.and([w('state', '=', 'claimed'), w('claimed_until', '<', now)]),
            ]),
          )
          .orderBy('next_attempt_at')
          .limit(1)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'message_id', 'recipient', 'subject', 'text_body', 'html_body', 'attempts', 'created_at'])
      .executeTakeFirst();
  }

  async #send(
    message: { id: string; message_id: string; recipient: string; subject: string; text_body: string | null; html_body: string | null; attempts: number; created_at: Date },
    now: Date,
  ): Promise<string> {
    try {
      const attachments = await this.#db
        .selectFrom('mail_attachments')
        .select(['filename', 'content_type', 'content'])
        .where('mail_id', '=', message.id)
        .orderBy('position')
        .execute();
      await this.#transport.send({
        messageId: message.message_id,
        to: message.recipient,
        subject: message.subject,
        text: message.text_body ?? '',
        html: message.html_body ?? '',
        attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.content_type, content: a.content })),
      });
    } catch (error) {
      const givingUp = now.getTime() - message.created_at.getTime() >= GIVE_UP_AFTER_MS;
      // The error's code and message only: never the message's text, which may hold a link.
      const reason = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}`.slice(0, 500) : 'unknown';
      await this.#db
        .updateTable('mail_outbox')
        .set({
          state: givingUp ? 'failed' : 'queued',
          claimed_by: null,
          claimed_until: null,
          last_error: reason,
          next_attempt_at: new Date(now.getTime() + retryDelayMs(message.attempts)),
        })
        .where('id', '=', message.id)
        .where('claimed_by', '=', this.#me)
        .where('state', '=', 'claimed')
        .execute();
      this.#log[givingUp ? 'error' : 'warn'](
        { messageId: message.message_id, attempts: message.attempts, reason },
        givingUp ? 'mail given up after a day of failed attempts' : 'mail could not be sent; it will be tried again',
      );
      return givingUp ? `gave up ${message.message_id} (${reason})` : `will retry ${message.message_id} (${reason})`;
    }
    await this.#db.transaction().execute(async (trx) => {
      // Only while the claim is still ours: one that lapsed may be another sender's now.
      await trx
        .updateTable('mail_outbox')
        .set({ state: 'sent', sent_at: now, claimed_until: null, text_body: null, html_body: null })
        .where('id', '=', message.id)
        .where('claimed_by', '=', this.#me)
        .where('state', '=', 'claimed')
        .execute();
      await trx.deleteFrom('mail_attachments').where('mail_id', '=', message.id).execute();
    });
    return `sent ${message.message_id}`;
  }
}

/**
 * The service's worker: a pass when mail is queued (in process on the embedded database; on
 * PostgreSQL when the trigger of migration 0012 notifies at commit, from any instance),
 * when a retry or a lapsed claim falls due, and at every minute's look (the mail job).
 */
export class OutboxWorker {
  readonly #delivery: OutboxDelivery;
  readonly #now: () => Date;
  readonly #log: FastifyBaseLogger;
  #stopLocal: (() => void) | undefined;
  #listener: pg.Client | undefined;
  #reconnect: NodeJS.Timeout | undefined;
  #wakeAt: NodeJS.Timeout | undefined;
  #running = false;
  #again = false;
  #idle: Promise<void> = Promise.resolve();
  #stopped = false;

  private constructor(delivery: OutboxDelivery, now: () => Date, log: FastifyBaseLogger) {
    this.#delivery = delivery;
    this.#now = now;
    this.#log = log;
  }

  static async start(options: { db: Db; delivery: OutboxDelivery; databaseUrl: string | undefined; now: () => Date; log: FastifyBaseLogger }): Promise<OutboxWorker> {
    const worker = new OutboxWorker(options.delivery, options.now, options.log);
    if (options.databaseUrl) await worker.#listen(options.databaseUrl, 0);
    else worker.#stopLocal = onLocalMailQueued(options.db, () => worker.wake());
    // What an earlier run left queued (a crash, SMTP down) goes now.
    worker.wake();
    return worker;
  }

  /** Runs a delivery pass now (or right after the one under way). */
  wake(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    this.#idle = (async () => {
      do {
        this.#again = false;
        try {
          await this.#delivery.deliverDue(this.#now());
          await this.#wakeWhenDue();
        } catch (error) {
          if (!this.#stopped) this.#log.warn({ err: error }, 'mail delivery pass failed');
        }
      } while (this.#again && !this.#stopped);
      this.#running = false;
    })();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#stopLocal?.();
    clearTimeout(this.#wakeAt);
    clearTimeout(this.#reconnect);
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.end().catch(() => {});
    await this.#idle;
  }

  /** A timer for the next retry or lapsed claim, if it is within the minute (the look covers later ones). */
  async #wakeWhenDue(): Promise<void> {
    const next = await this.#delivery.nextDue();
    clearTimeout(this.#wakeAt);
    if (!next || this.#stopped) return;
    const inMs = Math.max(0, next.getTime() - this.#now().getTime());
    if (inMs > 60_000) return;
    this.#wakeAt = setTimeout(() => this.wake(), inMs + 50);
    this.#wakeAt.unref();
  }

  /** The LISTEN connection; lost, it comes back with a growing pause (and a pass, for what came meanwhile). */
  async #listen(databaseUrl: string, failures: number): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('error', () => {});
    client.on('end', () => {
      if (this.#stopped || this.#listener !== client) return;
      this.#listener = undefined;
      this.#retryListen(databaseUrl, 0);
    });
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query('listen mail_outbox');
      this.#listener = client;
      if (failures > 0) this.wake();
    } catch (error) {
      await client.end().catch(() => {});
      if (failures === 0 && !this.#listener) this.#log.warn({ err: error }, 'could not listen for queued mail; it goes at each minute look');
      this.#retryListen(databaseUrl, failures + 1);
    }
  }

  #retryListen(databaseUrl: string, failures: number): void {
    if (this.#stopped) return;
    this.#reconnect = setTimeout(() => void this.#listen(databaseUrl, failures), Math.min(1000 * 2 ** failures, 30_000));
    this.#reconnect.unref();
  }
}

/** The runner's mail job: per-message claims, so every instance may help and none sends one twice. */
export const mailDeliveryJob: Job = {
  name: 'mail-delivery',
  claim: 'items',
  run: (ctx) => ctx.mail.deliverDue(ctx.now),
};
