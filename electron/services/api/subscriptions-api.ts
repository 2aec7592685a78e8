import {
  type KeyPreview,
  keyPreviewSchema,
  type Subscription,
  subscriptionListSchema,
  subscriptionSchema,
} from '../../../shared/api/subscriptions';
import type { ApiClient } from './api-client';

/** docs/api.md, "Subscriptions and product keys" (the routes the desktop uses). All need a bearer token. */
export interface SubscriptionsApi {
  list(): Promise<Subscription[]>;
  /** `productKey` canonical; the idempotency key lets the client retry a lost answer safely. */
  activate(productKey: string, idempotencyKey: string, extendSubscriptionId?: string): Promise<Subscription>;
  preview(productKey: string): Promise<KeyPreview>;
}

export function createSubscriptionsApi(client: ApiClient): SubscriptionsApi {
  return {
    list: () =>
      client.request({ method: 'GET', path: '/v1/subscriptions', schema: subscriptionListSchema, auth: true }),
    activate: (productKey, idempotencyKey, extendSubscriptionId) =>
      client.request({
        method: 'POST',
        path: '/v1/subscriptions/activate',
        body: { productKey, ...(extendSubscriptionId !== undefined && { extendSubscriptionId }) },
        schema: subscriptionSchema,
        auth: true,
        idempotencyKey,
      }),
    preview: (productKey) =>
      client.request({
        method: 'POST',
        path: '/v1/subscriptions/activate/preview',
        body: { productKey },
        schema: keyPreviewSchema,
        auth: true,
      }),
  };
}
