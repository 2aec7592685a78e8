import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contactListSchema, regionQuerySchema } from '../../../shared/api/support-contacts';
import { errorResponses } from '../http/service-error';
import type { Services } from '../services';
import { supportContacts } from '../support/contacts';

/** docs/api.md "Support": phone lines by region, open or not by the service clock. */
export const supportContactRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/v1/support/contacts',
    {
      schema: {
        tags: ['support'],
        summary: 'Phone support lines: one region’s (or the international line), or all of them',
        querystring: regionQuerySchema,
        response: { 200: contactListSchema, ...errorResponses },
      },
    },
    async (request) => supportContacts(request.query.region, services.now()),
  );
};
