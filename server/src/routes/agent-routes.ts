import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agentTicketListSchema, agentTicketPatchSchema, agentTicketQuerySchema, agentTicketThreadSchema } from '../../../shared/api/support-agents';
import { ticketMessageSchema, ticketReplySchema, ticketSchema } from '../../../shared/api/support-tickets';
import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import { recordAccountEvent } from '../events/account-events';
import { requireAuth } from '../http/authenticate';
import { errorResponses, ServiceError } from '../http/service-error';
import { findUserById } from '../identity/users';
import { queueMail } from '../mail/outbox';
import { ticketReplyMail } from '../mail/support-mails';
import type { Services } from '../services';
import { isAgent, notAnAgent } from '../support/agents';
import type { TicketRow } from '../support/ticket-tables';
import { addMessage, setStatus, threadOf, ticketOf } from '../support/tickets';
import { idParamsSchema } from './id-params';

const noSuchTicket = () => new ServiceError('NOT_FOUND', 'There is no such ticket.');

async function anyTicket(db: Db, id: string, forUpdate = false): Promise<TicketRow> {
  const query = db.selectFrom('support_tickets').selectAll().where('id', '=', asUuid(id));
  const row = await (forUpdate ? query.forUpdate() : query).executeTakeFirst();
  if (!row) throw noSuchTicket();
  return row;
}

async function customerOf(db: Db, row: TicketRow) {
  const user = await findUserById(db, row.user_id);
  // The account cascades its tickets away, so a ticket without one is gone too.
  if (!user) throw noSuchTicket();
  return user;
}

/**
 * docs/api.md "Support": support staff's side of every account's tickets. The whole plugin
 * is behind sign-in and the agents table, so a customer's valid token is 403 on each route.
 */
export const agentRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { db } = services;
  const tags = ['support agents'];
  const security = [{ bearerAuth: [] }];

  // Encapsulated in this plugin: every route below, and only these, need an agent.
  app.addHook('onRequest', app.authenticate);
  app.addHook('onRequest', async (request) => {
    if (!(await isAgent(db, requireAuth(request).userId))) throw notAnAgent();
  });

  const agentThread = async (trx: Db, row: TicketRow) => {
    const customer = await customerOf(trx, row);
    const diagnostics = await trx.selectFrom('ticket_diagnostics').select('content').where('ticket_id', '=', row.id).executeTakeFirst();
    return {
      ...(await threadOf(trx, row)),
      customer: { name: customer.name, email: customer.email },
      diagnostics: diagnostics ? (JSON.parse(diagnostics.content) as Record<string, unknown>) : null,
    };
  };

  /** Tells the customer's apps to read the ticket again, in the change's transaction. */
  const ticketUpdated = (trx: Db, row: TicketRow, now: Date) => recordAccountEvent(trx, row.user_id, { type: 'ticket.updated', data: { ticketId: row.id } }, now);

  app.get(
    '/v1/agent/tickets',
    {
      schema: {
        tags,
        security,
        summary: 'Every account’s tickets, oldest waiting first, with the customer (403 FORBIDDEN unless support staff)',
        querystring: agentTicketQuerySchema,
        response: { 200: agentTicketListSchema, ...errorResponses },
      },
    },
    async (request) => {
      let query = db
        .selectFrom('support_tickets')
        .innerJoin('users', 'users.id', 'support_tickets.user_id')
        .selectAll('support_tickets')
        .select(['users.name as customer_name', 'users.email as customer_email']);
      if (request.query.status) query = query.where('support_tickets.status', '=', request.query.status);
      // Untouched longest first: the customer who has waited longest is answered first.
      const rows = await query.orderBy('support_tickets.updated_at').orderBy('support_tickets.number').execute();
      return rows.map((row) => ({ ...ticketOf(row), customer: { name: row.customer_name, email: row.customer_email } }));
    },
  );

  app.get(
    '/v1/agent/tickets/:id',
    { schema: { tags, security, summary: 'A ticket, its messages and diagnostics (404)', params: idParamsSchema, response: { 200: agentTicketThreadSchema, ...errorResponses } } },
    async (request) => agentThread(db, await anyTicket(db, request.params.id)),
  );

  app.post(
    '/v1/agent/tickets/:id/messages',
    {
      schema: {
        tags,
        security,
        summary: 'Answer: the ticket becomes waiting and the customer is e-mailed the reply (404, 409 TICKET_CLOSED)',
        params: idParamsSchema,
        body: ticketReplySchema,
        response: { 201: ticketMessageSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const agent = await findUserById(db, requireAuth(request).userId);
      if (!agent) throw new ServiceError('UNAUTHORIZED', 'Sign in to continue.');
      const now = services.now();
      const message = await db.transaction().execute(async (trx) => {
        const ticket = await anyTicket(trx, request.params.id, true);
        if (ticket.status === 'closed') throw new ServiceError('TICKET_CLOSED', 'This ticket is closed; it takes no more messages.');
        const customer = await customerOf(trx, ticket);
        await setStatus(trx, ticket, 'waiting', now);
        const added = await addMessage(trx, ticket.id, { author: 'agent', authorName: agent.name, body: request.body.body, now });
        // The reply, its e-mail and the event exist together or not at all.
        await queueMail(trx, ticketReplyMail(customer, { number: ticket.number, agent: agent.name, body: request.body.body }), now);
        await ticketUpdated(trx, ticket, now);
        return added;
      });
      return reply.code(201).send(message);
    },
  );

  app.patch(
    '/v1/agent/tickets/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Set the ticket’s status (404, 400)',
        params: idParamsSchema,
        body: agentTicketPatchSchema,
        response: { 200: ticketSchema, ...errorResponses },
      },
    },
    async (request) => {
      const now = services.now();
      return db.transaction().execute(async (trx) => {
        const ticket = await anyTicket(trx, request.params.id, true);
        const changed = await setStatus(trx, ticket, request.body.status, now);
        await ticketUpdated(trx, ticket, now);
        return ticketOf(changed);
      });
    },
  );
};
