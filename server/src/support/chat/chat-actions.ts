import type { Db } from '../../db/database';
import { findUserById } from '../../identity/users';
import { messagesIn } from '../../i18n/service-messages';
import { queueMail } from '../../mail/outbox';
import { chatTranscriptMail, ticketOpenedMail } from '../../mail/support-mails';
import { openTicket } from '../tickets';
import { agentsOnDuty } from './agent-presence';
import { type ChatErrorFrame, chatError } from './chat-frames';
import type { ChatHub } from './chat-hub';
import { LIVE, addChatMessage, chatById, chatMessages, createChat, moveChat, takeChat } from './chat-store';
import type { ChatRow } from './chat-tables';

/**
 * What each side's frames do to a chat (docs/api.md "Support"): every change in one
 * transaction with its announcement, so other instances hear of it only once it is stored.
 * A refusal is the error frame to answer.
 */
export interface ChatContext {
  db: Db;
  hub: ChatHub;
  now: () => Date;
}

type Refusal = { error: ChatErrorFrame };

const notFound = (): Refusal => ({ error: chatError('CHAT_NOT_FOUND', 'There is no such chat of yours.') });
const closed = (): Refusal => ({ error: chatError('CHAT_CLOSED', 'This chat has ended.') });

/** A customer's new chat: queued when an agent is on duty anywhere, else noAgents. */
export async function startChat(context: ChatContext, customer: { userId: string; name: string }): Promise<ChatRow> {
  const now = context.now();
  const status = (await agentsOnDuty(context.db, now)) ? 'queued' : 'noAgents';
  return context.db.transaction().execute(async (trx) => {
    const chat = await createChat(trx, { userId: customer.userId, customerName: customer.name, status, now });
    if (status === 'queued') await context.hub.announce(trx, { kind: 'queue' });
    return chat;
  });
}

export async function sayInChat(context: ChatContext, input: { chatId: string; author: 'customer' | 'agent'; authorName: string; body: string; agentUserId?: string }): Promise<Refusal | undefined> {
  return context.db.transaction().execute(async (trx) => {
    const chat = await trx.selectFrom('support_chats').selectAll().where('id', '=', input.chatId).forUpdate().executeTakeFirst();
    if (!chat) return notFound();
    if (input.author === 'agent' && chat.agent_user_id !== input.agentUserId) return notFound();
    if (!LIVE.includes(chat.status)) return closed();
    const message = await addChatMessage(trx, { ...input, now: context.now() });
    await context.hub.announce(trx, { kind: 'message', messageId: message.id });
    return undefined;
  });
}

/**
 * Ends a live chat (either side's `end`, or the customer's socket closing) and queues its
 * transcript to the customer in the account's language, when anything was written.
 */
export async function endChat(context: ChatContext, chatId: string, by: { agentUserId?: string } = {}): Promise<Refusal | undefined> {
  return context.db.transaction().execute(async (trx) => {
    const before = await chatById(trx, chatId);
    if (!before || (by.agentUserId !== undefined && before.agent_user_id !== by.agentUserId)) return notFound();
    const now = context.now();
    const chat = await moveChat(trx, chatId, LIVE, 'ended', now);
    if (!chat) return closed();
    const messages = await chatMessages(trx, chatId);
    const customer = await findUserById(trx, chat.user_id);
    if (customer && messages.length > 0) {
      const transcript = messages.map((message) => ({ authorName: message.author_name, body: message.body, at: message.created_at }));
      await queueMail(trx, chatTranscriptMail(customer, { startedAt: chat.created_at, messages: transcript }), now);
    }
    await context.hub.announce(trx, { kind: 'ended', chatId });
    if (before.status === 'queued') await context.hub.announce(trx, { kind: 'queue' });
    return undefined;
  });
}

/** An agent takes a queued chat; of two racing, one wins and the other is told CHAT_TAKEN. */
export async function joinChat(context: ChatContext, chatId: string, agent: { userId: string; name: string }): Promise<Refusal | { chat: ChatRow }> {
  return context.db.transaction().execute(async (trx) => {
    const chat = await takeChat(trx, chatId, agent);
    if (!chat) {
      const existing = await chatById(trx, chatId);
      if (!existing) return { error: chatError('CHAT_NOT_FOUND', 'There is no such chat.') };
      return existing.status === 'active'
        ? { error: chatError('CHAT_TAKEN', 'Another agent has taken this chat.', { chatId }) }
        : { error: chatError('CHAT_CLOSED', 'This chat is no longer waiting.', { chatId }) };
    }
    await context.hub.announce(trx, { kind: 'joined', chatId });
    await context.hub.announce(trx, { kind: 'queue' });
    return { chat };
  });
}

/**
 * Before an agent joins: the chat becomes a support ticket (category "other"), whose first
 * message is the conversation so far, and the ticket's number is e-mailed as for any ticket.
 */
export async function chatToTicket(context: ChatContext, chatId: string, subject: string): Promise<Refusal | { id: string; number: string }> {
  return context.db.transaction().execute(async (trx) => {
    const now = context.now();
    const before = await chatById(trx, chatId);
    const customer = before && (await findUserById(trx, before.user_id));
    if (!before || !customer) return notFound();
    const chat = await moveChat(trx, chatId, ['queued', 'noAgents'], 'ticketed', now);
    if (!chat) return { error: chatError('CHAT_CLOSED', 'Only a chat no agent has joined yet becomes a ticket.') };
    const messages = await chatMessages(trx, chatId);
    const body =
      messages.length > 0
        ? messages.map((message) => `${message.author_name}: ${message.body}`).join('\n')
        : messagesIn(customer.language).text('support.chat.ticket.fromChat');
    const { row, thread } = await openTicket(trx, { userId: customer.id, authorName: customer.name, subject, category: 'other', body, now });
    await trx.updateTable('support_chats').set({ ticket_id: row.id }).where('id', '=', chatId).execute();
    await queueMail(trx, ticketOpenedMail(customer, thread), now);
    if (before.status === 'queued') await context.hub.announce(trx, { kind: 'queue' });
    return { id: row.id, number: row.number };
  });
}
