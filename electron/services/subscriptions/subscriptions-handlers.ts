import type { Handlers } from '../../../shared/contract/types';
import type { SubscriptionsService } from './subscriptions-service';

/** The `subscriptions` area of the contract: plans, product keys, activation. */
export function createSubscriptionsHandlers(subscriptions: SubscriptionsService): Pick<Handlers, 'subscriptions'> {
  return {
    subscriptions: {
      list: () => subscriptions.list(),
      activate: ({ productKey, extendSubscriptionId }) => subscriptions.activate(productKey, extendSubscriptionId),
      previewKey: ({ productKey }) => subscriptions.previewKey(productKey),
    },
  };
}
