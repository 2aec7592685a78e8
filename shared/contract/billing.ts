import { z } from 'zod';
import {
  addPaymentMethodBodySchema,
  amountSchema,
  cardHolderSchema,
  currencySchema,
  expMonthSchema,
  expYearSchema,
  invoiceListSchema,
  isoTimeSchema,
  paymentMethodListSchema,
  paymentMethodSchema,
  planListSchema,
  termYearsSchema,
} from '../api/billing';
import { chargedChangeSchema, subscriptionSchema, upgradeOptionsSchema } from '../api/subscriptions';
import { planIdSchema } from '../plans';
import { invoke, none, nothing } from './define';

const idSchema = z.string().min(1).max(128);
const subscriptionRef = z.object({ subscriptionId: idSchema }).strict();
const paymentMethodRef = z.object({ id: idSchema }).strict();
const invoiceRef = z.object({ invoiceId: idSchema }).strict();

/** One term a subscription can be renewed for: its price and the expiry it would then have. */
export const renewalTermSchema = z.object({
  termYears: termYearsSchema,
  amount: amountSchema,
  currency: currencySchema,
  expiresAt: isoTimeSchema,
});
export type RenewalTerm = z.infer<typeof renewalTermSchema>;

/** An invoice PDF the main process saved: where it is, and whether the system's viewer or file manager showed it. */
export const savedInvoiceSchema = z.object({
  path: z.string(),
  fileName: z.string(),
  /** Whether the system opened it (`openInvoice`) or showed it in its folder (`showInvoiceInFolder`); false where this host cannot (the browser host). */
  shown: z.boolean(),
});
export type SavedInvoice = z.infer<typeof savedInvoiceSchema>;

/**
 * Plans and prices, payment methods, renewal, automatic renewal, upgrades and invoices.
 * A card number and CVC travel from the renderer to the main process and on to the
 * service once, in `addPaymentMethod`; nothing sends them back. Invoice PDFs are fetched by
 * the main process, never by the renderer: the renderer names an invoice, never a path.
 */
export const billingContract = {
  billing: {
    plans: invoke(none, planListSchema),
    paymentMethods: invoke(none, paymentMethodListSchema),
    /** The same checks as the service (Luhn, digits, CVC, country), so a mistyped card never leaves the computer. */
    addPaymentMethod: invoke(addPaymentMethodBodySchema.strict(), paymentMethodSchema),
    updatePaymentMethod: invoke(
      z
        .object({
          id: idSchema,
          expMonth: expMonthSchema.optional(),
          expYear: expYearSchema.optional(),
          holder: cardHolderSchema.optional(),
        })
        .strict(),
      paymentMethodSchema,
    ),
    makeDefaultPaymentMethod: invoke(paymentMethodRef, paymentMethodSchema),
    /** `PAYMENT_METHOD_IN_USE` when a subscription still renews with it and no other card could take over. */
    deletePaymentMethod: invoke(paymentMethodRef, nothing),
    /** Each term the subscription's plan is sold for, with its price and the new expiry. */
    renewalTerms: invoke(subscriptionRef, z.array(renewalTermSchema)),
    /**
     * Charges the term's price and extends the subscription. The main process makes the
     * `Idempotency-Key` and keeps it while the same renewal is retried after a lost answer,
     * so pressing "Try again" can never charge twice.
     */
    renew: invoke(
      z.object({ subscriptionId: idSchema, termYears: termYearsSchema, paymentMethodId: idSchema }).strict(),
      chargedChangeSchema,
    ),
    /** Off keeps protection to the end of the term; on renews with `paymentMethodId` (else the subscription's or the default card). */
    setAutoRenew: invoke(
      z.object({ subscriptionId: idSchema, autoRenew: z.boolean(), paymentMethodId: idSchema.optional() }).strict(),
      subscriptionSchema,
    ),
    upgradeOptions: invoke(subscriptionRef, upgradeOptionsSchema),
    /** `expectedAmount`: the price the person saw; a higher one now is `UPGRADE_PRICE_CHANGED`, nothing charged. */
    upgrade: invoke(
      z
        .object({
          subscriptionId: idSchema,
          plan: planIdSchema,
          paymentMethodId: idSchema,
          expectedAmount: amountSchema,
        })
        .strict(),
      chargedChangeSchema,
    ),
    invoices: invoke(none, invoiceListSchema),
    /** Downloads the PDF into the Downloads folder; `shown` is false. */
    saveInvoice: invoke(invoiceRef, savedInvoiceSchema),
    /** Saves it (once) and opens it in the system's PDF viewer. */
    openInvoice: invoke(invoiceRef, savedInvoiceSchema),
    /** Saves it (once) and shows it selected in the system's file manager. */
    showInvoiceInFolder: invoke(invoiceRef, savedInvoiceSchema),
  },
} as const;

export const billingEvents = {} as const;
