import { type Kysely, sql } from 'kysely';

/**
 * The durable mail outbox (mail/outbox.ts) and the job runner's schedule (jobs/).
 *
 * A message is a row written in the transaction that causes it, so a rolled-back change
 * sends nothing and a crash loses nothing. A worker claims due rows (`queued` → `claimed`,
 * with `claimed_until` the claim's lease: a claim whose instance died is taken again only
 * once it runs out) and marks them `sent`; `message_id` is fixed at queueing, so a message sent again after its
 * sender died mid-send carries the same Message-ID, which the SMTP side can deduplicate.
 * A trigger announces each new row with `pg_notify` at commit, so every instance's worker
 * hears of it at once.
 *
 * `scheduled_jobs` holds one row per job of the registry (jobs/registry.ts): an instance
 * that locks a due row `FOR UPDATE SKIP LOCKED` runs the job and moves `next_run_at` on in
 * the same transaction, so however many instances look, each run happens once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().unique())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // Null once sent: the body may carry a sign-in link, which is not kept longer than needed.
    .addColumn('text_body', 'text')
    .addColumn('html_body', 'text')
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('queued', 'claimed', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('claimed_until', 'timestamptz')
    .addColumn('claimed_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz')
    .execute();
  // The worker reads due rows and lapsed claims; clean-up deletes old sent and failed ones.
  await sql`create index mail_outbox_due on mail_outbox (next_attempt_at) where state = 'queued'`.execute(db);
  await sql`create index mail_outbox_claimed on mail_outbox (claimed_until) where state = 'claimed'`.execute(db);
  await sql`create index mail_outbox_done on mail_outbox (created_at) where state in ('sent', 'failed')`.execute(db);
  await db.schema
    .createTable('mail_attachments')
    .addColumn('mail_id', 'uuid', (c) => c.notNull().references('mail_outbox.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_attachments_pkey', ['mail_id', 'position'])
    .execute();
  await sql`
    create function mail_outbox_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('mail_outbox', '');
      return null;
    end $$`.execute(db);
  // Once per statement: a statement that queues many messages needs one wake-up.
  await sql`
    create trigger mail_outbox_notify after insert on mail_outbox
    for each statement execute function mail_outbox_notify()`.execute(db);

  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('last_run_by', 'text')
    .addColumn('last_result', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scheduled_jobs').execute();
  await db.schema.dropTable('mail_attachments').execute();
  await db.schema.dropTable('mail_outbox').execute();
  await sql`drop function mail_outbox_notify()`.execute(db);
}
