import type { AddPaymentMethodBody, Invoice, PaymentMethod, TermYears } from '../../../shared/api/billing';
import type { ChargedChange, Subscription, UpgradeOptions } from '../../../shared/api/subscriptions';
import type { RenewalTerm, SavedInvoice } from '../../../shared/contract/billing';
import type { PalisadeApi } from '../../../shared/contract/types';
import type { Result } from '../../../shared/errors';
import type { PlanId } from '../../../shared/plans';
import { settle } from '../api/settle';
import { useBillingStore } from '../stores/billing-store';
import { refreshProtection } from '../stores/protection-store';

/**
 * Billing: call the main process, update the stores, return the Result. Only the newest
 * load of each list may write (answers can arrive out of order).
 */
const latest = { paymentMethods: 0, invoices: 0 };

export async function loadPaymentMethods(api: PalisadeApi): Promise<void> {
  const ticket = ++latest.paymentMethods;
  const result = await settle(() => api.billing.paymentMethods({}));
  if (ticket !== latest.paymentMethods) return;
  useBillingStore.setState((s) =>
    result.ok
      ? { paymentMethods: result.value, errors: { ...s.errors, paymentMethods: null } }
      : { errors: { ...s.errors, paymentMethods: result.error } },
  );
}

export async function loadInvoices(api: PalisadeApi): Promise<void> {
  const ticket = ++latest.invoices;
  const result = await settle(() => api.billing.invoices({}));
  if (ticket !== latest.invoices) return;
  useBillingStore.setState((s) =>
    result.ok
      ? { invoices: result.value, errors: { ...s.errors, invoices: null } }
      : { errors: { ...s.errors, invoices: result.error } },
  );
}

/** After a charge or a change of cards, everything that shows them reads them again. */
function afterChange(api: PalisadeApi, what: { cards?: boolean; invoices?: boolean; subscriptions?: boolean }): void {
  if (what.cards) void loadPaymentMethods(api);
  if (what.invoices) void loadInvoices(api);
  if (what.subscriptions) void refreshProtection(api, ['subscriptions']);
}

export async function addPaymentMethod(api: PalisadeApi, card: AddPaymentMethodBody): Promise<Result<PaymentMethod>> {
  const result = await settle(() => api.billing.addPaymentMethod(card));
  if (result.ok) afterChange(api, { cards: true });
  return result;
}

export async function updatePaymentMethod(
  api: PalisadeApi,
  input: { id: string; expMonth?: number; expYear?: number; holder?: string },
): Promise<Result<PaymentMethod>> {
  const result = await settle(() => api.billing.updatePaymentMethod(input));
  if (result.ok) afterChange(api, { cards: true });
  return result;
}

export async function makeDefaultPaymentMethod(api: PalisadeApi, id: string): Promise<Result<PaymentMethod>> {
  const result = await settle(() => api.billing.makeDefaultPaymentMethod({ id }));
  if (result.ok) afterChange(api, { cards: true });
  return result;
}

export async function deletePaymentMethod(api: PalisadeApi, id: string): Promise<Result<null>> {
  const result = await settle(() => api.billing.deletePaymentMethod({ id }));
  // The subscriptions that renewed with it now renew with the default card.
  if (result.ok) afterChange(api, { cards: true, subscriptions: true });
  return result;
}

export function renewalTerms(api: PalisadeApi, subscriptionId: string): Promise<Result<RenewalTerm[]>> {
  return settle(() => api.billing.renewalTerms({ subscriptionId }));
}

export async function renewSubscription(
  api: PalisadeApi,
  input: { subscriptionId: string; termYears: TermYears; paymentMethodId: string },
): Promise<Result<ChargedChange>> {
  const result = await settle(() => api.billing.renew(input));
  if (result.ok) afterChange(api, { invoices: true, subscriptions: true });
  return result;
}

export async function setAutoRenew(
  api: PalisadeApi,
  input: { subscriptionId: string; autoRenew: boolean; paymentMethodId?: string },
): Promise<Result<Subscription>> {
  const result = await settle(() => api.billing.setAutoRenew(input));
  if (result.ok) afterChange(api, { subscriptions: true });
  return result;
}

export function upgradeOptions(api: PalisadeApi, subscriptionId: string): Promise<Result<UpgradeOptions>> {
  return settle(() => api.billing.upgradeOptions({ subscriptionId }));
}

export async function upgradeSubscription(
  api: PalisadeApi,
  input: { subscriptionId: string; plan: PlanId; paymentMethodId: string; expectedAmount: number },
): Promise<Result<ChargedChange>> {
  const result = await settle(() => api.billing.upgrade(input));
  if (result.ok) afterChange(api, { invoices: true, subscriptions: true });
  return result;
}

export type InvoiceAction = 'open' | 'save' | 'show';

/** The main process fetches the PDF and saves it; the renderer only learns where. */
export function invoiceFile(api: PalisadeApi, invoice: Pick<Invoice, 'id'>, action: InvoiceAction): Promise<Result<SavedInvoice>> {
  const input = { invoiceId: invoice.id };
  if (action === 'open') return settle(() => api.billing.openInvoice(input));
  if (action === 'show') return settle(() => api.billing.showInvoiceInFolder(input));
  return settle(() => api.billing.saveInvoice(input));
}
