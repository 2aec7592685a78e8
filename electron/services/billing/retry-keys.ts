import { randomUUID } from 'node:crypto';
import { isTransientFailure } from '../../../shared/errors';
import { toApiFailure } from '../api/api-failure';

/**
 * Idempotency keys for charges, kept while the same charge is retried. A charge whose
 * answer was lost (offline, a timeout, the service busy) may have happened: trying the same
 * request again must send the same key, so the service answers with the first result
 * instead of charging twice. Any other answer ends the attempt: a success, and also a
 * refusal such as a declined card, which the service replays for its key, so a new attempt
 * (another card, say) needs a new key.
 */
export interface RetryKeys {
  /** Runs `charge` with the key of this request: the kept one when it is a retry, else a new one. */
  run<T>(request: unknown, charge: (idempotencyKey: string) => Promise<T>): Promise<T>;
  /** How many requests keep a key for a retry (tests look). */
  readonly pending: number;
}

/** A lost answer is retried within minutes; after a day the person is doing something new. */
const KEEP_MS = 24 * 60 * 60 * 1000;

export function createRetryKeys(newKey: () => string = randomUUID, now: () => number = Date.now): RetryKeys {
  const kept = new Map<string, { key: string; at: number }>();
  return {
    async run(request, charge) {
      const id = JSON.stringify(request);
      const entry = kept.get(id);
      const key = entry && now() - entry.at < KEEP_MS ? entry.key : newKey();
      kept.set(id, { key, at: now() });
      try {
        const result = await charge(key);
        kept.delete(id);
        return result;
      } catch (error) {
        if (!isTransientFailure(toApiFailure(error))) kept.delete(id);
        throw error;
      }
    },
    get pending() {
      return kept.size;
    },
  };
}
