import type { ColumnType, Generated, Selectable } from 'kysely';
import type { CardBrand } from '../../../shared/payment-card';
import type { BillingCountry, DeclineReason, InvoiceKind } from '../../../shared/api/billing';
import type { PlanId } from '../../../shared/plans';
import type { Language } from '../../../shared/i18n/languages';

type Timestamp = ColumnType<Date, Date, Date>;

/** A card as kept (migration 0013): never its number or CVC. */
export interface PaymentMethodsTable {
  id: string;
  user_id: string;
  /** Which payments port issued the token (`sandbox`). */
  provider: string;
  provider_token: string;
  brand: CardBrand;
  last4: string;
  exp_month: number;
  exp_year: number;
  holder: string;
  country: BillingCountry;
  is_default: Generated<boolean>;
  created_at: Timestamp;
}

export interface PaymentAttemptsTable {
  id: string;
  user_id: string;
  subscription_id: string;
  payment_method_id: string;
  kind: InvoiceKind;
  amount: number;
  currency: string;
  outcome: 'succeeded' | 'declined';
  decline_reason: DeclineReason | null;
  provider_reference: string | null;
  created_at: Timestamp;
}

export interface InvoiceCountersTable {
  year: number;
  last_number: number;
}

export interface InvoicesTable {
  id: string;
  number: string;
  year: number;
  sequence: number;
  user_id: string;
  subscription_id: string;
  payment_attempt_id: string;
  kind: InvoiceKind;
  plan: PlanId;
  previous_plan: PlanId | null;
  seats: number;
  term_years: number | null;
  expires_at: Timestamp;
  amount: number;
  tax_amount: number;
  tax_rate_bp: number;
  currency: string;
  country: BillingCountry;
  card_brand: CardBrand;
  card_last4: string;
  holder_name: string;
  holder_email: string;
  language: Language;
  issued_at: Timestamp;
}

export interface BillingTables {
  payment_methods: PaymentMethodsTable;
  payment_attempts: PaymentAttemptsTable;
  invoice_counters: InvoiceCountersTable;
  invoices: InvoicesTable;
}

export type PaymentMethodRow = Selectable<PaymentMethodsTable>;
export type InvoiceRow = Selectable<InvoicesTable>;
