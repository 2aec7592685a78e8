import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addPaymentMethodBodySchema,
  invoiceListSchema,
  paymentMethodListSchema,
  paymentMethodPatchSchema,
  paymentMethodSchema,
  planListSchema,
} from '../../../shared/api/billing';
import { invoicePdf, invoiceFileName } from '../billing/invoice-pdf';
import { invoiceOf, listInvoices } from '../billing/invoices';
import {
  addPaymentMethod,
  deletePaymentMethod,
  listPaymentMethods,
  updatePaymentMethod,
} from '../billing/payment-methods';
import { planOffers } from '../billing/plan-prices';
import { paymentsProvider } from '../billing/sandbox-payments';
import { requireAuth } from '../http/authenticate';
import { noContent } from '../http/no-content';
import { errorResponses } from '../http/service-error';
import type { Services } from '../services';
import { idParamsSchema } from './id-params';

/** docs/api.md "Plans, payment methods and invoices". */
export const billingRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['billing'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/v1/plans',
    {
      schema: {
        tags,
        summary: 'Every plan with its price for each term, tax included, in minor units (no sign-in needed)',
        response: { 200: planListSchema, ...errorResponses },
      },
    },
    async () => planOffers(services.config.billingCurrency),
  );

  app.get(
    '/v1/billing/payment-methods',
    {
      onRequest: app.authenticate,
      schema: { tags, security, summary: "The account's cards, the default first", response: { 200: paymentMethodListSchema, ...errorResponses } },
    },
    async (request) => listPaymentMethods(services.db, requireAuth(request).userId),
  );

  app.post(
    '/v1/billing/payment-methods',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary:
          'Add a card: its number and CVC go to the payment provider only; the first card is the default (400 VALIDATION_FAILED, 402 PAYMENT_DECLINED)',
        body: addPaymentMethodBodySchema,
        response: { 201: paymentMethodSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const method = await addPaymentMethod(services.db, paymentsProvider, {
        userId: requireAuth(request).userId,
        card: request.body,
        now: services.now(),
      });
      return reply.code(201).send(method);
    },
  );

  app.patch(
    '/v1/billing/payment-methods/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: "A card's expiry or holder, or make it the default",
        params: idParamsSchema,
        body: paymentMethodPatchSchema,
        response: { 200: paymentMethodSchema, ...errorResponses },
      },
    },
    async (request) =>
      updatePaymentMethod(services.db, {
        userId: requireAuth(request).userId,
        id: request.params.id,
        patch: request.body,
        now: services.now(),
      }),
  );

  app.delete(
    '/v1/billing/payment-methods/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary:
          'Delete a card; subscriptions that renew with it move to the default (409 PAYMENT_METHOD_IN_USE when it is the last card and one renews with it)',
        params: idParamsSchema,
        response: { 204: z.null().describe('Deleted'), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deletePaymentMethod(services.db, { userId: requireAuth(request).userId, id: request.params.id, now: services.now() });
      return noContent(reply);
    },
  );

  app.get(
    '/v1/billing/invoices',
    {
      onRequest: app.authenticate,
      schema: { tags, security, summary: "The account's invoices, newest first", response: { 200: invoiceListSchema, ...errorResponses } },
    },
    async (request) => listInvoices(services.db, requireAuth(request).userId),
  );

  app.get(
    '/v1/billing/invoices/:id/pdf',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'The invoice as a PDF, in the language of the account when it was issued',
        params: idParamsSchema,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('application/pdf'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const invoice = await invoiceOf(services.db, requireAuth(request).userId, request.params.id);
      const pdf = await invoicePdf(invoice);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${invoiceFileName(invoice)}"`)
        .send(pdf);
    },
  );
};
