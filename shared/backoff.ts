/** How quickly to try again: the first wait is about `baseMs`, doubling each time up to `maxMs`. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

/**
 * The wait before retry number `attempt` (0 for the first): exponential, with jitter
 * between half and all of it, so many clients coming back online do not retry in step.
 * The one backoff of the app: API retries, the offline probe and the browser bridge's
 * reconnect all wait this way.
 */
export function backoffDelay(
  attempt: number,
  { baseMs, maxMs }: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
