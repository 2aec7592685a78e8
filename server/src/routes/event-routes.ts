import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serveEventStream } from '../events/event-stream';
import { requireAuth } from '../http/authenticate';
import { errorResponses } from '../http/service-error';
import type { Services } from '../services';

/** docs/api.md "Account events": what changes in the account, as Server-Sent Events. */
export const eventRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/events',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['events'],
        security: [{ bearerAuth: [] }],
        summary: 'What changes in the account, as a Server-Sent Events stream (text/event-stream)',
        description:
          'Each message is `id:`, `event:` and one `data:` line of JSON. Events: device.deactivated, device.changed, ' +
          'subscription.changed, session.revoked (the shapes in shared/api/events.ts); `ready` when the stream is live, ' +
          '`reset` when Last-Event-ID is older than what is kept (reload everything). A comment line keeps idle streams open; ' +
          "the stream ends when the caller's session does.",
        headers: z.object({ 'last-event-id': z.string().max(100).optional() }),
        // Not in /v1/openapi.json: its generator (fastify-type-provider-zod) converts only
        // zod response bodies, not a text/event-stream one, and the generated-request
        // property test reads every documented answer to its end, which a stream has not.
        // The messages' shapes are shared/api/events.ts; the contract is docs/api.md.
        hide: true,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      // The stream is written by hand from here on; Fastify neither serialises nor ends it.
      reply.hijack();
      await serveEventStream({
        services,
        auth,
        lastEventId: request.headers['last-event-id'],
        response: reply.raw,
        log: request.log,
      });
    },
  );
};
