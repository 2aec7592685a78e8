import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  activateBodySchema,
  chargedChangeSchema,
  keyPreviewBodySchema,
  keyPreviewSchema,
  productKeySchema,
  subscriptionListSchema,
  subscriptionPatchSchema,
  renewBodySchema,
  subscriptionSchema,
  upgradeBodySchema,
  upgradeOptionsSchema,
} from '../../../shared/api/subscriptions';
import { paymentsProvider } from '../billing/sandbox-payments';
import { requireAuth } from '../http/authenticate';
import { errorResponses, ServiceError } from '../http/service-error';
import { idempotencyHeadersSchema, idempotentWrite, sendWriteResult } from '../idempotency/idempotent-write';
import { activateProductKey, listSubscriptions, previewProductKey } from '../subscriptions/subscriptions';
import { patchSubscription, providerKeyOf, renewSubscription, upgradeOptions, upgradeSubscription } from '../subscriptions/renewal';
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

/** docs/api.md "Subscriptions and product keys": listing, keys, renewal, upgrades and automatic renewal. */
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
    async (request) =>
      listSubscriptions(services.db, requireAuth(request).userId, services.now(), services.config.billingCurrency),
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
          body: await activateProductKey(trx, {
            userId,
            key,
            now,
            extendSubscriptionId,
            currency: services.config.billingCurrency,
          }),
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
        summary:
          'Turn automatic renewal on or off, or choose the card it renews with (off keeps access to the end of the term; each switch is e-mailed; 409 PAYMENT_METHOD_REQUIRED)',
        params: idParamsSchema,
        body: subscriptionPatchSchema,
        response: { 200: subscriptionSchema, ...errorResponses },
      },
    },
    async (request) =>
      patchSubscription(
        services.db,
        { currency: services.config.billingCurrency, now: services.now() },
        {
          userId: requireAuth(request).userId,
          id: request.params.id,
          autoRenew: request.body.autoRenew,
          paymentMethodId: request.body.paymentMethodId,
        },
      ),
  );

  app.post(
    '/v1/subscriptions/:id/renew',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary:
          "Buy a term now with a card: the plan's price for it, the expiry extended from the later of now and the old one, an invoice and a receipt (402 PAYMENT_DECLINED changes nothing)",
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: renewBodySchema,
        response: { 200: chargedChangeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userId } = requireAuth(request);
      const now = services.now();
      const key = request.headers['idempotency-key'];
      const route = 'POST /v1/subscriptions/:id/renew';
      const result = await idempotentWrite(
        services.db,
        { userId, key, route, payload: { id: request.params.id, ...request.body }, now },
        (trx) =>
          renewSubscription(
            trx,
            { payments: paymentsProvider, currency: services.config.billingCurrency, now },
            { userId, id: request.params.id, ...request.body, providerKey: providerKeyOf(userId, route, key) },
          ),
      );
      return sendWriteResult(reply, result);
    },
  );

  app.get(
    '/v1/subscriptions/:id/upgrade-options',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'The bigger plans this subscription can move to for the rest of its term, each with its prorated price now',
        params: idParamsSchema,
        response: { 200: upgradeOptionsSchema, ...errorResponses },
      },
    },
    async (request) =>
      upgradeOptions(
        services.db,
        { currency: services.config.billingCurrency, now: services.now() },
        { userId: requireAuth(request).userId, id: request.params.id },
      ),
  );

  app.post(
    '/v1/subscriptions/:id/upgrade',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary:
          'Move to a bigger plan for the rest of the term, charging the prorated difference (409 PLAN_NOT_AN_UPGRADE, SUBSCRIPTION_EXPIRED, UPGRADE_PRICE_CHANGED; 402 PAYMENT_DECLINED)',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: upgradeBodySchema,
        response: { 200: chargedChangeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userId } = requireAuth(request);
      const now = services.now();
      const key = request.headers['idempotency-key'];
      const route = 'POST /v1/subscriptions/:id/upgrade';
      const result = await idempotentWrite(
        services.db,
        { userId, key, route, payload: { id: request.params.id, ...request.body }, now },
        (trx) =>
          upgradeSubscription(
            trx,
            { payments: paymentsProvider, currency: services.config.billingCurrency, now },
            {
              userId,
              id: request.params.id,
              plan: request.body.plan,
              paymentMethodId: request.body.paymentMethodId,
              expectedAmount: request.body.expectedAmount,
              providerKey: providerKeyOf(userId, route, key),
            },
          ),
      );
      return sendWriteResult(reply, result);
    },
  );
};
