import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import type { PlanId } from '../../../shared/plans';
import { formatProductKey, generateProductKey } from '../../../shared/product-key';

/** The longest term a key can carry (the column's check constraint says the same). */
export const MAX_TERM_YEARS = 10;

/**
 * Keys are stored as sha256 of their canonical form (20 symbols, upper case, no dashes).
 * 95 random bits make a slow hash pointless, and a database leak hands out no keys.
 */
export function hashProductKey(canonicalKey: string): string {
  return createHash('sha256').update(canonicalKey, 'utf8').digest('hex');
}

/**
 * Creates `count` new keys for `plan` and `termYears`, stores their hashes and returns the
 * keys as people see them (XXXXX-XXXXX-XXXXX-XXXXX). This is the only moment a key exists
 * in readable form.
 */
export async function mintProductKeys(
  db: Db,
  input: { plan: PlanId; termYears: number; count: number; now: Date },
): Promise<string[]> {
  if (!Number.isInteger(input.termYears) || input.termYears < 1 || input.termYears > MAX_TERM_YEARS) {
    throw new RangeError(`A key's term is 1 to ${MAX_TERM_YEARS} years.`);
  }
  const keys: string[] = [];
  const batch = 500;
  for (let done = 0; done < input.count; done += batch) {
    const fresh = Array.from({ length: Math.min(batch, input.count - done) }, () => generateProductKey());
    // 95 random bits: a collision would be a broken random source, and must not pass silently.
    await db
      .insertInto('product_keys')
      .values(
        fresh.map((key) => ({
          key_hash: hashProductKey(key),
          plan: input.plan,
          term_years: input.termYears,
          created_at: input.now,
          used_at: null,
          used_by: null,
          subscription_id: null,
        })),
      )
      .execute();
    // Not `map(formatProductKey)`: its second parameter would get the index.
    keys.push(...fresh.map((key) => formatProductKey(key)));
  }
  return keys;
}
