import { type Subscription, subscriptionListSchema, subscriptionSchema } from '../../../shared/api/subscriptions';
import type { ApiClient } from './api-client';

/** docs/api.md, "Subscriptions and product keys" (the routes the desktop uses). All need a bearer token. */
export interface SubscriptionsApi {
  list(): Promise<Subscription[]>;
  /** `productKey` canonical; the idempotency key lets the client retry a lost answer safely. */
  activate(productKey: string, idempotencyKey: string): Promise<Subscription>;
}

export function createSubscriptionsApi(client: ApiClient): SubscriptionsApi {
  return {
    list: () => client.request({ method: 'GET', path: '/v1/subscriptions', schema: subscriptionListSchema, auth: true }),
    activate: (productKey, idempotencyKey) =>
      client.request({
        method: 'POST',
        path: '/v1/subscriptions/activate',
        body: { productKey },
        schema: subscriptionSchema,
        auth: true,
        idempotencyKey,
      }),
  };
}
