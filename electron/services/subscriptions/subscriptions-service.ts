import { randomUUID } from 'node:crypto';
import { type KeyPreview, productKeyProblems, type Subscription } from '../../../shared/api/subscriptions';
import { AppFailure } from '../../../shared/errors';
import { checkProductKey } from '../../../shared/product-key';
import type { SubscriptionsApi } from '../api/subscriptions-api';

export interface SubscriptionsService {
  list(): Promise<Subscription[]>;
  /** Takes the key as typed or pasted; a key that cannot be right never leaves this computer. */
  activate(typed: string, extendSubscriptionId?: string): Promise<Subscription>;
  /** What the key would add, so the person can choose to extend a subscription of its plan. */
  previewKey(typed: string): Promise<KeyPreview>;
}

/** The canonical key, or KEY_MALFORMED with the field's reason: a key that cannot be right never leaves this computer. */
function checkedKey(typed: string): string {
  const checked = checkProductKey(typed);
  if (checked.ok) return checked.key;
  throw new AppFailure({
    code: 'KEY_MALFORMED',
    message: productKeyProblems[checked.reason],
    details: {
      reason: checked.reason,
      ...(checked.suspectGroup !== undefined && { suspectGroup: checked.suspectGroup }),
    },
  });
}

export function createSubscriptionsService(
  api: SubscriptionsApi,
  newIdempotencyKey: () => string = randomUUID,
): SubscriptionsService {
  return {
    list: () => api.list(),
    // async, so a key that cannot be right is a rejected promise like any other refusal.
    activate: async (typed, extendSubscriptionId) =>
      api.activate(checkedKey(typed), newIdempotencyKey(), extendSubscriptionId),
    previewKey: async (typed) => api.preview(checkedKey(typed)),
  };
}
