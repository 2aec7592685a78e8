/**
 * When a failed request may be sent again. Only requests that cannot do harm twice are
 * retried: GET/PUT/DELETE by their HTTP meaning, and POSTs the service deduplicates by
 * their Idempotency-Key (docs/api.md, "Conventions").
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export function isIdempotent(method: HttpMethod, idempotencyKey?: string): boolean {
  if (method === 'GET' || method === 'PUT' || method === 'DELETE') return true;
  return idempotencyKey !== undefined && idempotencyKey !== '';
}

/** Exponential backoff with full jitter, so many clients coming back online do not retry in step. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
