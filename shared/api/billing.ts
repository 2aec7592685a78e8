import { z } from 'zod';
import { planIdSchema } from '../plans';
import {
  CARD_NUMBER_MAX_DIGITS,
  CARD_NUMBER_MIN_DIGITS,
  cardBrands,
  cardDigits,
  passesLuhn,
} from '../payment-card';
import { singleLineText } from '../text';

/** docs/api.md, "Plans, payment methods and invoices". Money is an integer in minor units. */

export const isoTimeSchema = z.iso.datetime({ offset: true });

/** The terms a plan is sold for, in whole years. */
export const termYearsValues = [1, 2, 3] as const;
export const termYearsSchema = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type TermYears = z.infer<typeof termYearsSchema>;

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 currency code, like EUR.');
/** Minor units (cents); prices include tax. */
export const amountSchema = z.number().int().nonnegative();

// ─── Plans ────────────────────────────────────────────────────────────────────────────

export const planPriceSchema = z.object({ termYears: termYearsSchema, amount: amountSchema, currency: currencySchema });
export type PlanPrice = z.infer<typeof planPriceSchema>;

/** `GET /v1/plans` (no auth): each plan with its price for every term, smallest plan first. */
export const planSchema = z.object({
  id: planIdSchema,
  name: z.string(),
  seats: z.number().int().positive(),
  prices: z.array(planPriceSchema),
});
export type PlanOffer = z.infer<typeof planSchema>;
export const planListSchema = z.array(planSchema);

// ─── Payment methods ──────────────────────────────────────────────────────────────────

/**
 * The countries a card may be billed in: the rate table of the tax an invoice includes has
 * exactly these (ISO 3166-1 alpha-2). The app offers them as a list.
 */
export const billingCountries = [
  'AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE',
  'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE',
  'GB', 'CH', 'LI', 'NO', 'IS', 'US', 'CA', 'AU', 'NZ', 'JP',
] as const;
export type BillingCountry = (typeof billingCountries)[number];
export const billingCountrySchema = z.enum(billingCountries);

export const cardBrandSchema = z.enum(cardBrands);

export const expMonthSchema = z.number().int().min(1).max(12);
/** Four digits; a card is not issued for more than 20 years. */
export const expYearSchema = z.number().int().min(2000).max(2100);
export const cardHolderSchema = singleLineText({ min: 1, max: 100, countCodePoints: true });

/**
 * A card number as typed (spaces and dashes allowed), turned into its digits. Its problems
 * never repeat the number: the message names the rule only.
 */
export const cardNumberSchema = z
  .string()
  .max(40)
  .transform((typed, ctx) => {
    const digits = cardDigits(typed);
    if (!/^\d*$/.test(digits)) {
      ctx.addIssue({ code: 'invalid_format', format: 'card_number', message: 'A card number has digits only.' });
      return z.NEVER;
    }
    if (digits.length < CARD_NUMBER_MIN_DIGITS) {
      ctx.addIssue({ code: 'too_small', origin: 'string', minimum: CARD_NUMBER_MIN_DIGITS, inclusive: true, message: 'Too few digits for a card number.' });
      return z.NEVER;
    }
    if (digits.length > CARD_NUMBER_MAX_DIGITS) {
      ctx.addIssue({ code: 'too_big', origin: 'string', maximum: CARD_NUMBER_MAX_DIGITS, inclusive: true, message: 'Too many digits for a card number.' });
      return z.NEVER;
    }
    if (!passesLuhn(digits)) {
      ctx.addIssue({ code: 'invalid_format', format: 'luhn', message: 'The card number fails its check digit (Luhn): a digit is mistyped.' });
      return z.NEVER;
    }
    return digits;
  })
  // JSON Schema (the OpenAPI document, the property tests) cannot say the Luhn rule: show good numbers.
  .meta({ examples: ['4242 4242 4242 4242', '5555555555554444'] });

export const cvcSchema = z.string().regex(/^\d{3,4}$/, 'A CVC is 3 or 4 digits.');

/**
 * `POST /v1/billing/payment-methods`. The number and the CVC go to the payment provider and
 * nowhere else. A card whose expiry has passed is `400 VALIDATION_FAILED` with
 * `fields.expYear` (or `expMonth`) `{ code: "custom", format: "card_expired" }`.
 */
export const addPaymentMethodBodySchema = z.object({
  cardNumber: cardNumberSchema,
  expMonth: expMonthSchema,
  expYear: expYearSchema,
  cvc: cvcSchema,
  holder: cardHolderSchema,
  country: billingCountrySchema,
});
export type AddPaymentMethodBody = z.input<typeof addPaymentMethodBodySchema>;

/** `PATCH /v1/billing/payment-methods/:id`: at least one field; `isDefault` can only be set (another method's default moves here). */
export const paymentMethodPatchSchema = z
  .object({
    expMonth: expMonthSchema.optional(),
    expYear: expYearSchema.optional(),
    holder: cardHolderSchema.optional(),
    isDefault: z.literal(true).optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'Send at least one of expMonth, expYear, holder and isDefault.',
  })
  .meta({ minProperties: 1 });
export type PaymentMethodPatch = z.infer<typeof paymentMethodPatchSchema>;

/** A card as the service keeps it: never its number or CVC, only what a receipt shows. */
export const paymentMethodSchema = z.object({
  id: z.string(),
  brand: cardBrandSchema,
  last4: z.string().regex(/^\d{4}$/),
  expMonth: expMonthSchema,
  expYear: expYearSchema,
  holder: z.string(),
  country: billingCountrySchema,
  isDefault: z.boolean(),
});
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;
export const paymentMethodListSchema = z.array(paymentMethodSchema);

/** A card named on a receipt or a renewal line ("Visa ••4242"). */
export const cardSummarySchema = z.object({ brand: cardBrandSchema, last4: z.string().regex(/^\d{4}$/) });
export type CardSummary = z.infer<typeof cardSummarySchema>;

// ─── Declines ─────────────────────────────────────────────────────────────────────────

/**
 * Why a payment failed, as `PAYMENT_DECLINED`'s `details.reason`: the card's bank said no
 * (`card_declined`), not enough money (`insufficient_funds`), the card's expiry passed
 * before an automatic charge (`expired_card`), or the provider could not be asked
 * (`processing_error`: try again later).
 */
export const declineReasons = ['card_declined', 'insufficient_funds', 'expired_card', 'processing_error'] as const;
export type DeclineReason = (typeof declineReasons)[number];
export const declineReasonSchema = z.enum(declineReasons);

// ─── Invoices ─────────────────────────────────────────────────────────────────────────

/** `PAL-<year>-<6 digits>`: one gap-free sequence per year. */
export const invoiceNumberSchema = z.string().regex(/^PAL-\d{4}-\d{6}$/);

/** What an invoice was for: a term bought by hand or automatically, or the rest of a term on a bigger plan. */
export const invoiceKinds = ['renewal', 'automatic_renewal', 'upgrade'] as const;
export const invoiceKindSchema = z.enum(invoiceKinds);
export type InvoiceKind = z.infer<typeof invoiceKindSchema>;

export const invoiceSchema = z.object({
  id: z.string(),
  number: invoiceNumberSchema,
  issuedAt: isoTimeSchema,
  subscriptionId: z.string(),
  kind: invoiceKindSchema,
  /** "Palisade Family, 5 devices, 1 year" in the account's language. */
  description: z.string(),
  plan: planIdSchema,
  seats: z.number().int().positive(),
  /** The term bought; null for an upgrade, which covers the rest of the running term. */
  termYears: termYearsSchema.nullable(),
  /** The subscription's expiry after this invoice. */
  expiresAt: isoTimeSchema,
  /** What was charged, tax included. */
  amount: amountSchema,
  /** The tax `amount` includes. */
  taxAmount: amountSchema,
  /** The tax rate in percent (19, 8.1, 0) of the payment method's country. */
  taxRate: z.number().nonnegative(),
  currency: currencySchema,
  paymentMethod: cardSummarySchema,
});
export type Invoice = z.infer<typeof invoiceSchema>;
export const invoiceListSchema = z.array(invoiceSchema);
