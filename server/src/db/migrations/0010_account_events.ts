import { type Kysely, sql } from 'kysely';

/**
 * What changed in an account, for `GET /v1/events` (events/): written in the transaction
 * of the change, kept for replay a while (events/account-events.ts), and announced to
 * every instance at commit through `pg_notify` by the trigger below (a rolled-back change
 * announces nothing). `seq` is the event's id on the stream.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('account_events')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // Replay reads one account's events after an id; clean-up deletes by age.
  await db.schema.createIndex('account_events_user_seq').on('account_events').columns(['user_id', 'seq']).execute();
  await db.schema.createIndex('account_events_created_at').on('account_events').column('created_at').execute();
  await sql`
    create function account_events_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('account_events', new.user_id::text || ':' || new.seq::text);
      return new;
    end $$`.execute(db);
  await sql`
    create trigger account_events_notify after insert on account_events
    for each row execute function account_events_notify()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('account_events').execute();
  await sql`drop function account_events_notify()`.execute(db);
}
