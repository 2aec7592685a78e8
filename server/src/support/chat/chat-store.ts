import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database';
import { asUuid } from '../../db/ids';
import type { ChatMessageRow, ChatRow, ChatStatus } from './chat-tables';

/** The SQL of live chat (docs/api.md "Support"); announcing what changed is the hub's. */

/** How long a chat's customer counts as there without the heartbeat of their socket's instance. */
export const CUSTOMER_TTL_MS = 30_000;

/** A chat that can still take messages or be ended. */
export const LIVE: ChatStatus[] = ['queued', 'noAgents', 'active'];

export async function createChat(trx: Db, input: { userId: string; customerName: string; status: 'queued' | 'noAgents'; now: Date }): Promise<ChatRow> {
  const row: ChatRow = {
    id: randomUUID(),
    user_id: input.userId,
    customer_name: input.customerName,
    status: input.status,
    agent_user_id: null,
    agent_name: null,
    ticket_id: null,
    created_at: input.now,
    ended_at: null,
    customer_alive_until: new Date(input.now.getTime() + CUSTOMER_TTL_MS),
  };
  await trx.insertInto('support_chats').values(row).execute();
  return row;
}

export function chatById(db: Db, id: string): Promise<ChatRow | undefined> {
  return db.selectFrom('support_chats').selectAll().where('id', '=', asUuid(id)).executeTakeFirst();
}

/** The queue, next first: the customer who asked first is answered first. */
export function queuedChats(db: Db): Promise<Pick<ChatRow, 'id' | 'customer_name' | 'created_at'>[]> {
  return db.selectFrom('support_chats').select(['id', 'customer_name', 'created_at']).where('status', '=', 'queued').orderBy('created_at').orderBy('id').execute();
}

/**
 * The agent takes a queued chat: one conditional update, so of two agents racing, exactly
 * one gets the row back; the other finds the status changed.
 */
export function takeChat(trx: Db, id: string, agent: { userId: string; name: string }): Promise<ChatRow | undefined> {
  return trx
    .updateTable('support_chats')
    .set({ status: 'active', agent_user_id: agent.userId, agent_name: agent.name })
    .where('id', '=', asUuid(id))
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

/** Moves a chat from one of `from` to `to`; undefined when it was in none of them (ended meanwhile, taken). */
export function moveChat(trx: Db, id: string, from: ChatStatus[], to: 'ended' | 'ticketed', now: Date, ticketId?: string): Promise<ChatRow | undefined> {
  return trx
    .updateTable('support_chats')
    .set({ status: to, ended_at: now, ...(ticketId && { ticket_id: ticketId }) })
    .where('id', '=', asUuid(id))
    .where('status', 'in', from)
    .returningAll()
    .executeTakeFirst();
}

const messageColumns = ['id', 'chat_id', 'author', 'author_name', 'body', 'created_at'] as const;

export async function addChatMessage(trx: Db, input: { chatId: string; author: 'customer' | 'agent'; authorName: string; body: string; now: Date }): Promise<ChatMessageRow> {
  const row: ChatMessageRow = { id: randomUUID(), chat_id: input.chatId, author: input.author, author_name: input.authorName, body: input.body, created_at: input.now };
  await trx.insertInto('chat_messages').values(row).execute();
  return row;
}

export function chatMessageById(db: Db, id: string): Promise<ChatMessageRow | undefined> {
  return db.selectFrom('chat_messages').select(messageColumns).where('id', '=', asUuid(id)).executeTakeFirst();
}

export function chatMessages(db: Db, chatId: string): Promise<ChatMessageRow[]> {
  return db.selectFrom('chat_messages').select(messageColumns).where('chat_id', '=', chatId).orderBy('seq').execute();
}

/** The heartbeat of this instance's customers: their chats stay; returns live chats whose customer's instance stopped beating. */
export async function refreshCustomers(db: Db, chatIds: string[], now: Date): Promise<string[]> {
  if (chatIds.length > 0) {
    await db
      .updateTable('support_chats')
      .set({ customer_alive_until: new Date(now.getTime() + CUSTOMER_TTL_MS) })
      .where('id', 'in', chatIds)
      .where('status', 'in', LIVE)
      .execute();
  }
  const gone = await db.selectFrom('support_chats').select('id').where('status', 'in', LIVE).where('customer_alive_until', '<', now).limit(100).execute();
  return gone.map((row) => row.id);
}
