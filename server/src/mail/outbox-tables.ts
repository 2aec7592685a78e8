import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

/** One message to send (migration 0012): queued, claimed by a worker, then sent (or, after a day of retries, failed). */
export interface MailOutboxTable {
  id: string;
  /** `<uuid@host of MAIL_FROM>`: the same on every attempt, so the SMTP side can deduplicate. */
  message_id: string;
  recipient: string;
  subject: string;
  text_body: string | null;
  html_body: string | null;
  state: 'queued' | 'claimed' | 'sent' | 'failed';
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  /** Until when the worker that claimed it may be sending it; after that another may. */
  claimed_until: Timestamp | null;
  claimed_by: string | null;
  last_error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

/** Files attached to a queued message (an invoice PDF), in order. */
export interface MailAttachmentsTable {
  mail_id: string;
  position: number;
  filename: string;
  content_type: string;
  content: ColumnType<Uint8Array, Uint8Array, never>;
}

/** One row per registered job (jobs/registry.ts): when it is next due, and its last run. */
export interface ScheduledJobsTable {
  name: string;
  next_run_at: Timestamp;
  last_run_at: Timestamp | null;
  last_run_by: string | null;
  last_result: string | null;
}

/** The tables of migration 0012_mail_outbox_and_jobs. */
export interface MailAndJobTables {
  mail_outbox: MailOutboxTable;
  mail_attachments: MailAttachmentsTable;
  scheduled_jobs: ScheduledJobsTable;
}
