import { type Kysely, sql } from 'kysely';

/**
 * Live chat (docs/api.md "Support").
 *
 * - `support_chats`: one a conversation; `status` moves queued → active → ended, or
 *   noAgents/queued → ticketed. Joining is a conditional update of `status = 'queued'`, so
 *   two agents racing for one chat cannot both win.
 * - `chat_messages`: the conversation, for the transcript and a ticket made from it.
 * - `chat_agent_presence`: one row per open agent socket on any instance, refreshed on a
 *   heartbeat; a row past `expires_at` (an instance that died) no longer counts as on duty.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('support_chats')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'noAgents', 'active', 'ended', 'ticketed')`))
    .addColumn('agent_user_id', 'uuid', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('agent_name', 'text')
    .addColumn('ticket_id', 'uuid', (c) => c.references('support_tickets.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('support_chats_status_idx').on('support_chats').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('chat_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    // The order they were written in: two messages in one millisecond keep theirs.
    .addColumn('seq', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity())
    .addColumn('chat_id', 'uuid', (c) => c.notNull().references('support_chats.id').onDelete('cascade'))
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author in ('customer', 'agent')`))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_messages_chat_idx').on('chat_messages').columns(['chat_id', 'seq']).execute();

  await db.schema
    .createTable('chat_agent_presence')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('agent_user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_agent_presence_expiry_idx').on('chat_agent_presence').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('chat_agent_presence').execute();
  await db.schema.dropTable('chat_messages').execute();
  await db.schema.dropTable('support_chats').execute();
}
