import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, ServiceError } from '../http/service-error';
import type { Services } from '../services';

export const healthRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/health',
    {
      schema: {
        tags: ['service'],
        summary: 'Liveness, with a database round trip',
        response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }), ...errorResponses },
      },
    },
    async (request) => {
      try {
        await sql`select 1`.execute(services.db);
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unavailable');
        throw new ServiceError('UNAVAILABLE', 'The database is not answering.');
      }
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );
};
