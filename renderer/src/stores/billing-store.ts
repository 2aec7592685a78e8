import { create } from 'zustand';
import type { Invoice, PaymentMethod } from '../../../shared/api/billing';
import type { AppError } from '../../../shared/errors';

/** What the billing screens show: the account's cards and invoices, each loaded on its own. */
interface BillingData {
  /** Whose data this is: a different person signing in must not see the last one's cards. */
  userId: string | null;
  paymentMethods: PaymentMethod[] | null;
  invoices: Invoice[] | null;
  errors: { paymentMethods: AppError | null; invoices: AppError | null };
}

interface BillingStore extends BillingData {
  reset(userId: string | null): void;
}

const empty = (userId: string | null): BillingData => ({
  userId,
  paymentMethods: null,
  invoices: null,
  errors: { paymentMethods: null, invoices: null },
});

export const useBillingStore = create<BillingStore>()((set) => ({
  ...empty(null),
  reset: (userId) => set(empty(userId)),
}));
