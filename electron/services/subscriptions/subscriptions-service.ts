import { randomUUID } from 'node:crypto';
import { productKeyProblems, type Subscription } from '../../../shared/api/subscriptions';
import { AppFailure } from '../../../shared/errors';
import { checkProductKey } from '../../../shared/product-key';
import type { SubscriptionsApi } from '../api/subscriptions-api';

export interface SubscriptionsService {
  list(): Promise<Subscription[]>;
  /** Takes the key as typed or pasted; a key that cannot be right never leaves this computer. */
  activate(typed: string): Promise<Subscription>;
}

export function createSubscriptionsService(api: SubscriptionsApi, newIdempotencyKey: () => string = randomUUID): SubscriptionsService {
  return {
    list: () => api.list(),
    async activate(typed) {
      const checked = checkProductKey(typed);
      if (!checked.ok) {
        throw new AppFailure({
          code: 'KEY_MALFORMED',
          message: productKeyProblems[checked.reason],
          details: { reason: checked.reason, ...(checked.suspectGroup !== undefined && { suspectGroup: checked.suspectGroup }) },
        });
      }
      return api.activate(checked.key, newIdempotencyKey());
    },
  };
}
