import { z } from 'zod';
import { planIdSchema } from '../plans';
import { checkProductKey } from '../product-key';

/** docs/api.md, "Subscriptions and product keys". */

export const isoTimeSchema = z.iso.datetime({ offset: true });

export const subscriptionStatuses = ['active', 'expiring', 'expired'] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** A subscription is `expiring` when this many days or fewer are left. */
export const EXPIRING_WITHIN_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The status is derived from the expiry, never stored, so it cannot go stale. */
export function subscriptionStatus(expiresAt: Date | string, now: Date): SubscriptionStatus {
  const left = new Date(expiresAt).getTime() - now.getTime();
  if (Number.isNaN(left)) throw new RangeError('subscriptionStatus needs valid dates.');
  if (left <= 0) return 'expired';
  return left <= EXPIRING_WITHIN_DAYS * DAY_MS ? 'expiring' : 'active';
}

export const subscriptionSchema = z.object({
  id: z.string(),
  plan: planIdSchema,
  planName: z.string(),
  seats: z.number().int().positive(),
  seatsUsed: z.number().int().nonnegative(),
  status: z.enum(subscriptionStatuses),
  startsAt: isoTimeSchema,
  expiresAt: isoTimeSchema,
  autoRenew: z.boolean(),
  /**
   * The last group of the latest product key spent on it (`7QX2M`), so two subscriptions
   * of one plan can be told apart; absent when no key started or extended it.
   */
  keyLastGroup: z.string().length(5).optional(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;
export const subscriptionListSchema = z.array(subscriptionSchema);

/**
 * The activate body takes any string a person typed; the service runs `checkProductKey`
 * on it so that a bad key answers `400 KEY_MALFORMED` rather than VALIDATION_FAILED.
 */
export const activateBodySchema = z.object({
  productKey: z.string().max(100),
  /** Add the key's term to this subscription (same plan) instead of starting a new one. */
  extendSubscriptionId: z.string().min(1).max(128).optional(),
});

/** What a key would add, asked before it is spent so the person can choose to extend. */
export const keyPreviewBodySchema = z.object({ productKey: z.string().max(100) });
export const keyPreviewSchema = z.object({
  plan: planIdSchema,
  planName: z.string(),
  termYears: z.number().int().positive(),
});
export type KeyPreview = z.infer<typeof keyPreviewSchema>;

/** Whole calendar years in UTC (a term that starts on 29 February ends on 1 March). */
export function addYears(date: Date, years: number): Date {
  const end = new Date(date);
  end.setUTCFullYear(end.getUTCFullYear() + years);
  return end;
}

/**
 * A key's term added to a subscription runs from the later of now and its expiry, so an
 * expired subscription gets the whole term and a running one loses no day it paid for.
 */
export function extendedExpiry(expiresAt: Date | string, termYears: number, now: Date): Date {
  const expiry = new Date(expiresAt);
  return addYears(expiry.getTime() > now.getTime() ? expiry : now, termYears);
}

export const productKeyProblems = {
  characters: 'A product key has only letters and digits.',
  length: 'A product key has 20 letters and digits.',
  checksum: 'This product key has a typing mistake.',
} as const;

/**
 * A product key checked and turned canonical (20 symbols, no dashes). On a checksum
 * failure the issue's `params` carry `reason` and, when known, `suspectGroup` (1–4).
 */
export const productKeySchema = z
  .string()
  .max(100)
  .transform((input, ctx) => {
    const result = checkProductKey(input);
    if (result.ok) return result.key;
    ctx.addIssue({
      code: 'custom',
      message: productKeyProblems[result.reason],
      params: {
        reason: result.reason,
        ...(result.suspectGroup !== undefined && { suspectGroup: result.suspectGroup }),
      },
    });
    return z.NEVER;
  });

export const renewBodySchema = z.object({
  termYears: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  paymentMethodId: z.string().min(1).max(128),
});

/** Turning auto-renew off keeps access to the end of the term. */
export const subscriptionPatchSchema = z.object({ autoRenew: z.boolean() });
