import type { Kysely } from 'kysely';

/**
 * Live chat: until when a chat's customer counts as still there. The instance holding the
 * customer's socket pushes it forward on its heartbeat; a live chat past it (that instance
 * died with the socket) is ended by any instance, so it does not wait in the queue for good.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('support_chats').addColumn('customer_alive_until', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('support_chats').dropColumn('customer_alive_until').execute();
}
