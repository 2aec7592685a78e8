import { z } from 'zod';
import {
  type AddPaymentMethodBody,
  type Invoice,
  invoiceListSchema,
  type PaymentMethod,
  paymentMethodListSchema,
  type PaymentMethodPatch,
  paymentMethodSchema,
  type PlanOffer,
  planListSchema,
} from '../../../shared/api/billing';
import {
  type ChargedChange,
  chargedChangeSchema,
  type RenewBody,
  type Subscription,
  type SubscriptionPatch,
  subscriptionSchema,
  type UpgradeBody,
  type UpgradeOptions,
  upgradeOptionsSchema,
} from '../../../shared/api/subscriptions';
import type { ApiClient } from '../api/api-client';

/**
 * docs/api.md, "Plans, payment methods and invoices" and the renewal routes of
 * "Subscriptions and product keys". Ids are path segments, so they are encoded.
 */
export interface BillingApi {
  plans(): Promise<PlanOffer[]>;
  paymentMethods(): Promise<PaymentMethod[]>;
  /** The one request that carries a card number and CVC: straight to the service, never logged. */
  addPaymentMethod(body: AddPaymentMethodBody): Promise<PaymentMethod>;
  updatePaymentMethod(id: string, patch: PaymentMethodPatch): Promise<PaymentMethod>;
  deletePaymentMethod(id: string): Promise<void>;
  renew(subscriptionId: string, body: RenewBody, idempotencyKey: string): Promise<ChargedChange>;
  patchSubscription(subscriptionId: string, patch: SubscriptionPatch): Promise<Subscription>;
  upgradeOptions(subscriptionId: string): Promise<UpgradeOptions>;
  upgrade(subscriptionId: string, body: UpgradeBody, idempotencyKey: string): Promise<ChargedChange>;
  invoices(): Promise<Invoice[]>;
  /** The invoice's PDF as the service made it. */
  invoicePdf(invoiceId: string): Promise<Buffer>;
}

const enc = encodeURIComponent;
const bytes = z.instanceof(Buffer);

export function createBillingApi(client: ApiClient): BillingApi {
  return {
    plans: () => client.request({ method: 'GET', path: '/v1/plans', schema: planListSchema }),
    paymentMethods: () =>
      client.request({ method: 'GET', path: '/v1/billing/payment-methods', schema: paymentMethodListSchema, auth: true }),
    addPaymentMethod: (body) =>
      client.request({ method: 'POST', path: '/v1/billing/payment-methods', body, schema: paymentMethodSchema, auth: true }),
    updatePaymentMethod: (id, patch) =>
      client.request({
        method: 'PATCH',
        path: `/v1/billing/payment-methods/${enc(id)}`,
        body: patch,
        schema: paymentMethodSchema,
        auth: true,
      }),
    deletePaymentMethod: (id) =>
      client.request({ method: 'DELETE', path: `/v1/billing/payment-methods/${enc(id)}`, auth: true }),
    renew: (subscriptionId, body, idempotencyKey) =>
      client.request({
        method: 'POST',
        path: `/v1/subscriptions/${enc(subscriptionId)}/renew`,
        body,
        schema: chargedChangeSchema,
        auth: true,
        idempotencyKey,
      }),
    patchSubscription: (subscriptionId, patch) =>
      client.request({
        method: 'PATCH',
        path: `/v1/subscriptions/${enc(subscriptionId)}`,
        body: patch,
        schema: subscriptionSchema,
        auth: true,
      }),
    upgradeOptions: (subscriptionId) =>
      client.request({
        method: 'GET',
        path: `/v1/subscriptions/${enc(subscriptionId)}/upgrade-options`,
        schema: upgradeOptionsSchema,
        auth: true,
      }),
    upgrade: (subscriptionId, body, idempotencyKey) =>
      client.request({
        method: 'POST',
        path: `/v1/subscriptions/${enc(subscriptionId)}/upgrade`,
        body,
        schema: chargedChangeSchema,
        auth: true,
        idempotencyKey,
      }),
    invoices: () => client.request({ method: 'GET', path: '/v1/billing/invoices', schema: invoiceListSchema, auth: true }),
    invoicePdf: (invoiceId) =>
      client.request({
        method: 'GET',
        path: `/v1/billing/invoices/${enc(invoiceId)}/pdf`,
        schema: bytes,
        auth: true,
        responseType: 'arraybuffer',
      }),
  };
}
