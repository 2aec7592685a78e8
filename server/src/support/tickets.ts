import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Ticket, TicketStatus, TicketThread } from '../../../shared/api/support-tickets';
import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import { ServiceError } from '../http/service-error';
import type { TicketMessageRow, TicketRow } from './ticket-tables';

export const ticketNumber = (sequence: number) => `T-${String(sequence).padStart(6, '0')}`;

export const ticketOf = (row: TicketRow): Ticket => ({
  id: row.id,
  number: row.number,
  subject: row.subject,
  category: row.category,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const messageOf = (row: TicketMessageRow) => ({
  id: row.id,
  author: row.author,
  authorName: row.author_name,
  body: row.body,
  createdAt: row.created_at.toISOString(),
});

export async function threadOf(db: Db, row: TicketRow): Promise<TicketThread> {
  const messages = await db.selectFrom('ticket_messages').selectAll().where('ticket_id', '=', row.id).orderBy('created_at').orderBy('id').execute();
  return { ...ticketOf(row), messages: messages.map(messageOf) };
}

/**
 * Opens a ticket in `trx`. The counter row is incremented, and so locked, until `trx` ends:
 * a second ticket waits and takes the next number; a rollback gives the number back.
 */
export async function openTicket(
  trx: Db,
  input: { userId: string; authorName: string; subject: string; category: TicketRow['category']; body: string; diagnostics?: Record<string, unknown> | undefined; now: Date },
): Promise<{ row: TicketRow; thread: TicketThread }> {
  const { last_number: sequence } = await trx
    .insertInto('ticket_counter')
    .values({ id: 1, last_number: 1 })
    .onConflict((oc) => oc.column('id').doUpdateSet({ last_number: sql<number>`ticket_counter.last_number + 1` }))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  const row: TicketRow = {
    id: randomUUID(),
    number: ticketNumber(sequence),
    user_id: input.userId,
    subject: input.subject,
    category: input.category,
    status: 'open',
    created_at: input.now,
    updated_at: input.now,
  };
  await trx.insertInto('support_tickets').values(row).execute();
  await addMessage(trx, row.id, { author: 'customer', authorName: input.authorName, body: input.body, now: input.now });
  if (input.diagnostics !== undefined) {
    await trx.insertInto('ticket_diagnostics').values({ ticket_id: row.id, content: JSON.stringify(input.diagnostics), created_at: input.now }).execute();
  }
  return { row, thread: await threadOf(trx, row) };
}

export async function addMessage(trx: Db, ticketId: string, input: { author: 'customer' | 'agent'; authorName: string; body: string; now: Date }) {
  const row: TicketMessageRow = { id: randomUUID(), ticket_id: ticketId, author: input.author, author_name: input.authorName, body: input.body, created_at: input.now };
  await trx.insertInto('ticket_messages').values(row).execute();
  return messageOf(row);
}

/** The account's own ticket, locked for the change about to be made; another account's is a 404 like a missing one. */
export async function ownTicketForUpdate(trx: Db, userId: string, id: string): Promise<TicketRow> {
  const row = await trx.selectFrom('support_tickets').selectAll().where('id', '=', asUuid(id)).where('user_id', '=', userId).forUpdate().executeTakeFirst();
  if (!row) throw new ServiceError('NOT_FOUND', 'There is no such ticket.');
  return row;
}

export async function ownTicket(db: Db, userId: string, id: string): Promise<TicketRow> {
  const row = await db.selectFrom('support_tickets').selectAll().where('id', '=', asUuid(id)).where('user_id', '=', userId).executeTakeFirst();
  if (!row) throw new ServiceError('NOT_FOUND', 'There is no such ticket.');
  return row;
}

export async function setStatus(trx: Db, row: TicketRow, status: TicketStatus, now: Date): Promise<TicketRow> {
  await trx.updateTable('support_tickets').set({ status, updated_at: now }).where('id', '=', row.id).execute();
  return { ...row, status, updated_at: now };
}

export function listTickets(db: Db, userId: string) {
  return db.selectFrom('support_tickets').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').orderBy('number', 'desc').execute();
}
