import type { Subscription } from '../../../shared/api/subscriptions';
import type { PalisadeApi } from '../../../shared/contract/types';
import type { Result } from '../../../shared/errors';
import { settle } from '../api/settle';
import { refreshProtection } from '../stores/protection-store';

/** Adds the key's plan to the account; the subscriptions are asked for again so every screen shows it. */
export async function activateProductKey(api: PalisadeApi, productKey: string): Promise<Result<Subscription>> {
  const result = await settle(() => api.subscriptions.activate({ productKey }));
  if (result.ok) void refreshProtection(api, ['subscriptions']);
  return result;
}

/** Loads the subscriptions again (after a failed load, or to follow a change elsewhere). */
export function reloadSubscriptions(api: PalisadeApi): Promise<void> {
  return refreshProtection(api, ['subscriptions']);
}
