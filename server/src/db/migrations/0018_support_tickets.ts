import { type Kysely, sql } from 'kysely';

/**
 * Support tickets (docs/api.md "Support").
 *
 * - `ticket_counter`: one row, incremented (and so locked) in the transaction that opens a
 *   ticket, as invoice numbers are: a rolled-back ticket gives its number back, so the
 *   numbers have no gaps.
 * - `support_tickets` + `ticket_messages`: the thread.
 * - `ticket_diagnostics`: what the app collected and the user chose to send, kept apart
 *   so listing and reading threads never drags up to 256 KB per ticket along.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ticket_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('support_tickets')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().check(sql`category in ('account', 'billing', 'devices', 'installation', 'other')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'waiting', 'solved', 'closed')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('support_tickets_user_idx').on('support_tickets').columns(['user_id', 'created_at']).execute();

  await db.schema
    .createTable('ticket_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('support_tickets.id').onDelete('cascade'))
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('customer', 'agent')`))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ticket_messages_ticket_idx').on('ticket_messages').columns(['ticket_id', 'created_at']).execute();

  await db.schema
    .createTable('ticket_diagnostics')
    .addColumn('ticket_id', 'uuid', (c) => c.primaryKey().references('support_tickets.id').onDelete('cascade'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ticket_diagnostics').execute();
  await db.schema.dropTable('ticket_messages').execute();
  await db.schema.dropTable('support_tickets').execute();
  await db.schema.dropTable('ticket_counter').execute();
}
