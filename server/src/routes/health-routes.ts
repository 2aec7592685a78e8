import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, ServiceError } from '../http/service-error';
import type { Services } from '../services';

/**
 * Leaving a load balancer's rotation before closing (docs/deploy.md). From `begin()` on,
 * `/v1/health` answers 503, so the balancer's checks take this instance out, while every
 * other request is still served as usual: nothing is refused while the balancer may still
 * send here. Once the wait is over the service closes as it always did.
 */
export class Draining {
  private started: Promise<void> | undefined;

  get active(): boolean {
    return this.started !== undefined;
  }

  /** Health says 503 from now on; resolves `ms` later (at once with 0, the default without a balancer). */
  begin(ms: number): Promise<void> {
    this.started ??= ms > 0 ? sleep(ms) : Promise.resolve();
    return this.started;
  }
}

export const healthRoutes: FastifyPluginAsyncZod<{ services: Services; draining?: Draining }> = async (app, { services, draining }) => {
  app.get(
    '/v1/health',
    {
      schema: {
        tags: ['service'],
        summary: 'Liveness, with a database round trip; 503 while the instance is draining or its database is away',
        response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }), ...errorResponses },
      },
    },
    async (request) => {
      if (draining?.active) throw new ServiceError('UNAVAILABLE', 'This instance is stopping; another one will answer.');
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
