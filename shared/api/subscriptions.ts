import { z } from 'zod';
import { planIdSchema } from '../plans';
import {
  amountSchema,
  cardSummarySchema,
  currencySchema,
  declineReasonSchema,
  invoiceSchema,
  termYearsSchema,
} from './billing';
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

/**
 * What automatic renewal will do next, for a subscription that has it on: "renews on
 * 3 March with Visa ••4242". `lastDecline` is the latest automatic charge that failed in
 * this term (it is tried again daily until the expiry), absent when none did.
 */
export const renewalSchema = z.object({
  /** When the charge is due: 7 days before the expiry (now, once that has passed). */
  at: isoTimeSchema,
  termYears: termYearsSchema,
  amount: amountSchema,
  currency: currencySchema,
  /** The card it will be charged to; null only if the account has no card left. */
  paymentMethod: cardSummarySchema.extend({ id: z.string() }).nullable(),
  lastDecline: z.object({ at: isoTimeSchema, reason: declineReasonSchema }).optional(),
});
export type Renewal = z.infer<typeof renewalSchema>;

/** Automatic renewal is charged this many days before the expiry. */
export const RENEWAL_DAYS_BEFORE_EXPIRY = 7;

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
  /** The card it is set to be renewed with; null when none was chosen. */
  paymentMethodId: z.string().nullable().default(null),
  /** When the next automatic charge is due; null when automatic renewal is off. */
  renewsAt: isoTimeSchema.nullable().default(null),
  /** The next automatic charge in full; null when automatic renewal is off ("ends on 3 March"). */
  renewal: renewalSchema.nullable().default(null),
  /** The term in years it was last bought or renewed for: what automatic renewal buys again (1 when unknown). */
  termYears: z.number().int().positive().default(1),
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

/** `POST /v1/subscriptions/:id/renew` (with `Idempotency-Key`): the plan's price for the term. */
export const renewBodySchema = z.object({
  termYears: termYearsSchema,
  paymentMethodId: z.string().min(1).max(128),
});
export type RenewBody = z.infer<typeof renewBodySchema>;

/** The answer of a renewal or an upgrade: the subscription as it is now, and its invoice. */
export const chargedChangeSchema = z.object({ subscription: subscriptionSchema, invoice: invoiceSchema });
export type ChargedChange = z.infer<typeof chargedChangeSchema>;

/**
 * `PATCH /v1/subscriptions/:id`, at least one field. Turning auto-renew off keeps access to
 * the end of the term; turning it on without a `paymentMethodId` uses the subscription's
 * card, else the account's default (`409 PAYMENT_METHOD_REQUIRED` when there is none).
 */
export const subscriptionPatchSchema = z
  .object({
    autoRenew: z.boolean().optional(),
    paymentMethodId: z.string().min(1).max(128).optional(),
  })
  .refine((patch) => patch.autoRenew !== undefined || patch.paymentMethodId !== undefined, {
    message: 'Send autoRenew, paymentMethodId or both.',
  })
  .meta({ minProperties: 1 });
export type SubscriptionPatch = z.infer<typeof subscriptionPatchSchema>;

/**
 * One bigger plan a subscription can move to for the rest of its term, and what that costs
 * now: the difference of the two plans' prices for the term it was last bought for, in
 * proportion to the days left (`daysLeft` of `termDays`), rounded to the minor unit.
 */
export const upgradeOptionSchema = z.object({
  plan: planIdSchema,
  planName: z.string(),
  seats: z.number().int().positive(),
  amount: amountSchema,
  currency: currencySchema,
});
export type UpgradeOption = z.infer<typeof upgradeOptionSchema>;

/** `GET /v1/subscriptions/:id/upgrade-options`: the prices at `quotedAt`; none for the biggest plan or an expired subscription. */
export const upgradeOptionsSchema = z.object({
  subscriptionId: z.string(),
  plan: planIdSchema,
  expiresAt: isoTimeSchema,
  daysLeft: z.number().int().nonnegative(),
  termDays: z.number().int().positive(),
  quotedAt: isoTimeSchema,
  options: z.array(upgradeOptionSchema),
});
export type UpgradeOptions = z.infer<typeof upgradeOptionsSchema>;

/**
 * `POST /v1/subscriptions/:id/upgrade` (with `Idempotency-Key`). `expectedAmount` is the
 * price the person agreed to (from the options): when the price now is higher (a day
 * passed), the answer is `409 UPGRADE_PRICE_CHANGED` with the new one and nothing is charged.
 */
export const upgradeBodySchema = z.object({
  plan: planIdSchema,
  paymentMethodId: z.string().min(1).max(128),
  expectedAmount: amountSchema.optional(),
});
export type UpgradeBody = z.infer<typeof upgradeBodySchema>;
