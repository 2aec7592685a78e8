import { useEffect } from 'react';
import { loadInvoices, loadPaymentMethods } from '../../actions/billing-actions';
import { useApi } from '../../api/api-context';
import { useBillingStore } from '../../stores/billing-store';
import { selectUser, useSessionStore } from '../../stores/session-store';

/** Loads the cards and invoices of whoever is signed in; another person's are dropped first. */
export function useBillingFeed(): void {
  const api = useApi();
  const userId = useSessionStore(selectUser)?.id ?? null;
  useEffect(() => {
    if (useBillingStore.getState().userId !== userId) useBillingStore.getState().reset(userId);
    void loadPaymentMethods(api);
    void loadInvoices(api);
    // A renewal elsewhere (the automatic one, another computer) brings a new invoice.
    return api.on('subscriptions.changed', () => void loadInvoices(api));
  }, [api, userId]);
}
