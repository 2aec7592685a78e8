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

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
