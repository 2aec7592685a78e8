import type { KeyPreview, Subscription } from '../../../shared/api/subscriptions';
import type { PalisadeApi } from '../../../shared/contract/types';
import type { Result } from '../../../shared/errors';
import { settle } from '../api/settle';
import { refreshProtection } from '../stores/protection-store';

/**
 * Adds the key's plan to the account, or its term to `extendSubscriptionId`; the
 * subscriptions are asked for again so every screen shows it.
 */
export async function activateProductKey(
  api: PalisadeApi,
  productKey: string,
  extendSubscriptionId?: string,
): Promise<Result<Subscription>> {
  const input = extendSubscriptionId === undefined ? { productKey } : { productKey, extendSubscriptionId };
  const result = await settle(() => api.subscriptions.activate(input));
  if (result.ok) void refreshProtection(api, ['subscriptions']);
  return result;
}

/** What a key would add (plan, term), without spending it. */
export function previewProductKey(api: PalisadeApi, productKey: string): Promise<Result<KeyPreview>> {
  return settle(() => api.subscriptions.previewKey({ productKey }));
}

/** Loads the subscriptions again (after a failed load, or to follow a change elsewhere). */
export function reloadSubscriptions(api: PalisadeApi): Promise<void> {
  return refreshProtection(api, ['subscriptions']);
}
