import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { newTicketSchema, ticketListSchema, ticketMessageSchema, ticketReplySchema, ticketSchema, ticketThreadSchema } from '../../../shared/api/support-tickets';
import { requireAuth } from '../http/authenticate';
import { errorResponses, ServiceError } from '../http/service-error';
import { findUserById } from '../identity/users';
import { idempotencyHeadersSchema, idempotentWrite, sendWriteResult } from '../idempotency/idempotent-write';
import { queueMail } from '../mail/outbox';
import { ticketOpenedMail } from '../mail/support-mails';
import type { Services } from '../services';
import { addMessage, listTickets, openTicket, ownTicket, ownTicketForUpdate, setStatus, threadOf, ticketOf } from '../support/tickets';
import { idParamsSchema } from './id-params';

/** docs/api.md "Support": a customer's own tickets. Another account's ticket is a 404, as a missing one. */
export const ticketRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['support'];
  const security = [{ bearerAuth: [] }];

  const customer = async (userId: string) => {
    const user = await findUserById(services.db, userId);
    if (!user) throw new ServiceError('UNAUTHORIZED', 'Sign in to continue.');
    return user;
  };

  app.get(
    '/v1/support/tickets',
    { onRequest: app.authenticate, schema: { tags, security, summary: 'The account’s tickets, newest first', response: { 200: ticketListSchema, ...errorResponses } } },
    async (request) => (await listTickets(services.db, requireAuth(request).userId)).map(ticketOf),
  );

  app.post(
    '/v1/support/tickets',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Open a ticket (its number e-mailed); diagnostics at most 256 KB of JSON text (400 VALIDATION_FAILED)',
        headers: idempotencyHeadersSchema,
        body: newTicketSchema,
        response: { 201: ticketThreadSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userId } = requireAuth(request);
      const user = await customer(userId);
      const now = services.now();
      const result = await idempotentWrite(
        services.db,
        { userId, key: request.headers['idempotency-key'], route: 'POST /v1/support/tickets', payload: request.body, now },
        async (trx) => {
          const { thread } = await openTicket(trx, { userId, authorName: user.name, ...request.body, now });
          // In the ticket's transaction: the e-mail goes if and only if the ticket exists.
          await queueMail(trx, ticketOpenedMail(user, thread), now);
          return { statusCode: 201, body: thread };
        },
      );
      return sendWriteResult(reply, result);
    },
  );

  app.get(
    '/v1/support/tickets/:id',
    {
      onRequest: app.authenticate,
      schema: { tags, security, summary: 'A ticket with its messages (404 also for another account’s)', params: idParamsSchema, response: { 200: ticketThreadSchema, ...errorResponses } },
    },
    async (request) => threadOf(services.db, await ownTicket(services.db, requireAuth(request).userId, request.params.id)),
  );

  app.post(
    '/v1/support/tickets/:id/messages',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Write to the ticket; reopens a solved one (404, 409 TICKET_CLOSED)',
        params: idParamsSchema,
        body: ticketReplySchema,
        response: { 201: ticketMessageSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userId } = requireAuth(request);
      const user = await customer(userId);
      const now = services.now();
      const message = await services.db.transaction().execute(async (trx) => {
        const ticket = await ownTicketForUpdate(trx, userId, request.params.id);
        if (ticket.status === 'closed') throw new ServiceError('TICKET_CLOSED', 'This ticket is closed; open a new one.');
        // The customer wrote: it is support's turn again, also on a solved ticket.
        await setStatus(trx, ticket, 'open', now);
        return addMessage(trx, ticket.id, { author: 'customer', authorName: user.name, body: request.body.body, now });
      });
      return reply.code(201).send(message);
    },
  );

  app.post(
    '/v1/support/tickets/:id/close',
    {
      onRequest: app.authenticate,
      schema: { tags, security, summary: 'Close the ticket (404)', params: idParamsSchema, response: { 200: ticketSchema, ...errorResponses } },
    },
    async (request) => {
      const { userId } = requireAuth(request);
      const now = services.now();
      return services.db.transaction().execute(async (trx) => ticketOf(await setStatus(trx, await ownTicketForUpdate(trx, userId, request.params.id), 'closed', now)));
    },
  );
};
