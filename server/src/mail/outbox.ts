import { randomUUID } from 'node:crypto';
import type { DialectAdapter, Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { MailMessage } from './mailer';

/** The app's database or a transaction on it: mail is queued in the transaction that causes it. */
export type MailQueue = Kysely<Database> | Transaction<Database>;

/** What a message's Message-ID ends with; the part before `@` is its row id. */
const MESSAGE_ID_HOST = 'outbox.palisade';

/** The largest attachment set one message may carry (an invoice PDF is ~50 KB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * Queues `message` for delivery by the outbox worker (outbox-worker.ts), in `db`'s
 * transaction when it is one: the message exists exactly when the change that causes it
 * is committed, and it survives a crash or a restart. Attachments are stored with it
 * (bytea), so what is sent is what was true when it was queued. Returns the Message-ID it
 * will carry on every attempt.
 *
 * Queue after the checks that may still refuse the change, in the same transaction; queueing
 * on the plain database (no transaction) is for mail that nothing can roll back.
 */
export async function queueMail(db: MailQueue, message: MailMessage, now: Date): Promise<string> {
  const id = randomUUID();
  const messageId = `<${id}@${MESSAGE_ID_HOST}>`;
  const attachments = message.attachments ?? [];
  const bytes = attachments.reduce((sum, a) => sum + a.content.byteLength, 0);
  if (bytes > MAX_ATTACHMENT_BYTES) throw new Error(`A message's attachments may have at most ${MAX_ATTACHMENT_BYTES} bytes.`);
  await db
    .insertInto('mail_outbox')
    .values({
      id,
      message_id: messageId,
      recipient: message.to,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
      state: 'queued',
      next_attempt_at: now,
      claimed_until: null,
      claimed_by: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .execute();
  if (attachments.length > 0) {
    await db
      .insertInto('mail_attachments')
      .values(attachments.map((a, position) => ({ mail_id: id, position, filename: a.filename, content_type: a.contentType, content: a.content })))
      .execute();
  }
  nudgeLocalWorker(db);
  return messageId;
}

/**
 * Wakes this process's worker for the database the message went to, so delivery stays
 * immediate. Only the embedded database registers one: it is a single connection, which a
 * transaction holds until COMMIT, so the worker's claim waits for the commit (and finds
 * nothing after a rollback). On PostgreSQL the trigger of migration 0012 wakes every
 * instance's worker at commit instead.
 */
const localWorkers = new WeakMap<DialectAdapter, () => void>();

export function onLocalMailQueued(db: Kysely<Database>, wake: () => void): () => void {
  const adapter = db.getExecutor().adapter;
  localWorkers.set(adapter, wake);
  return () => {
    if (localWorkers.get(adapter) === wake) localWorkers.delete(adapter);
  };
}

function nudgeLocalWorker(db: MailQueue): void {
  localWorkers.get(db.getExecutor().adapter)?.();
}
