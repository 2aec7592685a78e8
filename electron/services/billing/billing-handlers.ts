import type { Handlers } from '../../../shared/contract/types';
import type { BillingService } from './billing-service';

/** The `billing` area of the contract: cards, renewal, upgrades and invoices. */
export function createBillingHandlers(billing: BillingService): Pick<Handlers, 'billing'> {
  return {
    billing: {
      plans: () => billing.plans(),
      paymentMethods: () => billing.paymentMethods(),
      addPaymentMethod: (card) => billing.addPaymentMethod(card),
      updatePaymentMethod: ({ id, ...patch }) => billing.updatePaymentMethod(id, patch),
      makeDefaultPaymentMethod: ({ id }) => billing.makeDefaultPaymentMethod(id),
      deletePaymentMethod: async ({ id }) => {
        await billing.deletePaymentMethod(id);
        return null;
      },
      renewalTerms: ({ subscriptionId }) => billing.renewalTerms(subscriptionId),
      renew: ({ subscriptionId, termYears, paymentMethodId }) => billing.renew(subscriptionId, termYears, paymentMethodId),
      setAutoRenew: ({ subscriptionId, autoRenew, paymentMethodId }) =>
        billing.setAutoRenew(subscriptionId, autoRenew, paymentMethodId),
      upgradeOptions: ({ subscriptionId }) => billing.upgradeOptions(subscriptionId),
      upgrade: ({ subscriptionId, plan, paymentMethodId, expectedAmount }) =>
        billing.upgrade(subscriptionId, plan, paymentMethodId, expectedAmount),
      invoices: () => billing.invoices(),
      saveInvoice: ({ invoiceId }) => billing.saveInvoice(invoiceId),
      openInvoice: ({ invoiceId }) => billing.openInvoice(invoiceId),
      showInvoiceInFolder: ({ invoiceId }) => billing.showInvoiceInFolder(invoiceId),
    },
  };
}
