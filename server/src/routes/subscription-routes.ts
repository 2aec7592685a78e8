import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  activateBodySchema,
  productKeySchema,
  subscriptionListSchema,
  subscriptionPatchSchema,
  subscriptionSchema,
} from '../../../shared/api/subscriptions';
import { requireAuth } from '../http/authenticate';
import { errorResponses, ServiceError } from '../http/service-error';
import { idempotencyHeadersSchema, idempotentWrite, sendWriteResult } from '../idempotency/idempotent-write';
import { activateProductKey, listSubscriptions, setAutoRenew } from '../subscriptions/subscriptions';
import type { Services } from '../services';
import { idParamsSchema } from './id-params';

/** docs/api.md "Subscriptions and product keys", except renew. */
export const subscriptionRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['subscriptions'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/v1/subscriptions',
    {
      onRequest: app.authenticate,
      schema: { tags, security, summary: "The account's subscriptions, with seats used", response: { 200: subscriptionListSchema, ...errorResponses } },
    },
    async (request) => listSubscriptions(services.db, requireAuth(request).userId, services.now()),
  );

  app.post(
    '/v1/subscriptions/activate',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Activate a product key: a new subscription for its plan and term (400 KEY_MALFORMED, 404 KEY_UNKNOWN, 409 KEY_ALREADY_USED)',
        headers: idempotencyHeadersSchema,
        body: activateBodySchema,
        response: { 201: subscriptionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userId } = requireAuth(request);
      // The service checks the key itself, so a typo is KEY_MALFORMED with the suspect group.
      const key = productKeySchema.safeParse(request.body.productKey);
      if (!key.success) {
        const issue = key.error.issues[0];
        throw new ServiceError('KEY_MALFORMED', issue?.message ?? 'This is not a product key.', {
          ...(issue && 'params' in issue ? (issue.params as Record<string, unknown>) : {}),
        });
      }
      const now = services.now();
      const result = await idempotentWrite(
        services.db,
        { userId, key: request.headers['idempotency-key'], route: 'POST /v1/subscriptions/activate', payload: { productKey: key.data }, now },
        async (trx) => ({ statusCode: 201, body: await activateProductKey(trx, { userId, key: key.data, now }) }),
      );
      return sendWriteResult(reply, result);
    },
  );

  app.patch(
    '/v1/subscriptions/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Turn auto-renew on or off (turning it off keeps access to the end of the term)',
        params: idParamsSchema,
        body: subscriptionPatchSchema,
        response: { 200: subscriptionSchema, ...errorResponses },
      },
    },
    async (request) =>
      setAutoRenew(services.db, { userId: requireAuth(request).userId, id: request.params.id, autoRenew: request.body.autoRenew, now: services.now() }),
  );
};
