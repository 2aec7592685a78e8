import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  activateBodySchema,
  keyPreviewBodySchema,
  keyPreviewSchema,
  productKeySchema,
  subscriptionListSchema,
  subscriptionPatchSchema,
  subscriptionSchema,
} from '../../../shared/api/subscriptions';
import { requireAuth } from '../http/authenticate';
import { errorResponses, ServiceError } from '../http/service-error';
import { idempotencyHeadersSchema, idempotentWrite, sendWriteResult } from '../idempotency/idempotent-write';
import { activateProductKey, getSubscription, listSubscriptions, previewProductKey, setAutoRenew } from '../subscriptions/subscriptions';
import type { Services } from '../services';
import { idParamsSchema } from './id-params';

/**
 * The service checks the key itself, so a typo is KEY_MALFORMED with the suspect group
 * rather than VALIDATION_FAILED; the canonical key otherwise.
 */
function checkedKey(typed: string): string {
  const key = productKeySchema.safeParse(typed);
  if (key.success) return key.data;
  const issue = key.error.issues[0];
  throw new ServiceError('KEY_MALFORMED', issue?.message ?? 'This is not a product key.', {
    ...(issue && 'params' in issue ? (issue.params as Record<string, unknown>) : {}),
  });
}

/** docs/api.md "Subscriptions and product keys", except renew. */
export const subscriptionRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['subscriptions'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/v1/subscriptions',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: "The account's subscriptions, with seats used",
        response: { 200: subscriptionListSchema, ...errorResponses },
      },
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
        summary:
          'Activate a product key: a new subscription for its plan and term, or with extendSubscriptionId its term added to that subscription (400 KEY_MALFORMED, 404 KEY_UNKNOWN or NOT_FOUND, 409 KEY_ALREADY_USED, 409 PLAN_MISMATCH)',
        headers: idempotencyHeadersSchema,
        body: activateBodySchema,
        response: { 201: subscriptionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userId } = requireAuth(request);
      const key = checkedKey(request.body.productKey);
      const { extendSubscriptionId } = request.body;
      const now = services.now();
      const result = await idempotentWrite(
        services.db,
        {
          userId,
          key: request.headers['idempotency-key'],
          route: 'POST /v1/subscriptions/activate',
          payload: { productKey: key, ...(extendSubscriptionId !== undefined && { extendSubscriptionId }) },
          now,
        },
        async (trx) => ({
          statusCode: 201,
          body: await activateProductKey(trx, { userId, key, now, extendSubscriptionId }),
        }),
      );
      return sendWriteResult(reply, result);
    },
  );

  app.post(
    '/v1/subscriptions/activate/preview',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary:
          'What a product key would add (plan, term), without spending it, so the person can choose to extend a subscription of that plan',
        body: keyPreviewBodySchema,
        response: { 200: keyPreviewSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAuth(request);
      return previewProductKey(services.db, checkedKey(request.body.productKey));
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
    async (request) => {
      const { userId } = requireAuth(request);
      // The card half of the patch comes with the billing tables (migration 0013).
      if (request.body.autoRenew === undefined) return getSubscription(services.db, userId, request.params.id, services.now());
      return setAutoRenew(services.db, {
        userId,
        id: request.params.id,
        autoRenew: request.body.autoRenew,
        now: services.now(),
      });
    },
  );
};
