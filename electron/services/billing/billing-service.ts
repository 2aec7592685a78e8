import type { AddPaymentMethodBody, Invoice, PaymentMethod, PlanOffer, TermYears } from '../../../shared/api/billing';
import { type ChargedChange, extendedExpiry, type Subscription, type UpgradeOptions } from '../../../shared/api/subscriptions';
import type { RenewalTerm, SavedInvoice } from '../../../shared/contract/billing';
import { AppFailure } from '../../../shared/errors';
import type { PlanId } from '../../../shared/plans';
import type { SubscriptionsApi } from '../api/subscriptions-api';
import type { AppEvents } from '../events/app-events';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import type { BillingApi } from './billing-api';
import type { InvoiceFiles } from './invoice-files';
import { createRetryKeys, type RetryKeys } from './retry-keys';

/**
 * What the host can do with a saved file. The Electron glue asks the shell
 * (`shell.openPath`, `shell.showItemInFolder`); the browser host has neither, since the
 * person's browser may not share this desktop: there the file is saved and the app says where.
 */
export interface FileShell {
  /** Opens the file in the system's viewer; false when it could not. */
  openPath?(path: string): Promise<boolean>;
  /** Shows the file selected in the system's file manager; false when it could not. */
  showItemInFolder?(path: string): Promise<boolean>;
}

/** What may change on a card the service keeps: its expiry (a renewed card) and the holder's name. */
export interface CardChanges {
  expMonth?: number | undefined;
  expYear?: number | undefined;
  holder?: string | undefined;
}

export interface BillingService {
  plans(): Promise<PlanOffer[]>;
  paymentMethods(): Promise<PaymentMethod[]>;
  addPaymentMethod(card: AddPaymentMethodBody): Promise<PaymentMethod>;
  updatePaymentMethod(id: string, patch: CardChanges): Promise<PaymentMethod>;
  makeDefaultPaymentMethod(id: string): Promise<PaymentMethod>;
  deletePaymentMethod(id: string): Promise<void>;
  renewalTerms(subscriptionId: string): Promise<RenewalTerm[]>;
  renew(subscriptionId: string, termYears: TermYears, paymentMethodId: string): Promise<ChargedChange>;
  setAutoRenew(subscriptionId: string, autoRenew: boolean, paymentMethodId?: string): Promise<Subscription>;
  upgradeOptions(subscriptionId: string): Promise<UpgradeOptions>;
  upgrade(subscriptionId: string, plan: PlanId, paymentMethodId: string, expectedAmount: number): Promise<ChargedChange>;
  invoices(): Promise<Invoice[]>;
  saveInvoice(invoiceId: string): Promise<SavedInvoice>;
  openInvoice(invoiceId: string): Promise<SavedInvoice>;
  showInvoiceInFolder(invoiceId: string): Promise<SavedInvoice>;
}

export interface BillingServiceOptions {
  api: BillingApi;
  subscriptionsApi: SubscriptionsApi;
  files: InvoiceFiles;
  shell: FileShell;
  /** Announces a changed subscription, so every screen reads it again. */
  events?: AppEvents;
  logger?: Logger;
  retryKeys?: RetryKeys;
  now?: () => Date;
}

const notFound = () => new AppFailure({ code: 'NOT_FOUND', message: 'No such subscription or invoice on this account.' });

export function createBillingService(options: BillingServiceOptions): BillingService {
  const { api, subscriptionsApi, files, shell, events, logger = silentLogger, now = () => new Date() } = options;
  const retryKeys = options.retryKeys ?? createRetryKeys();
  /** The invoices last listed: saving one needs its number for the file name. */
  let knownInvoices = new Map<string, Invoice>();

  const changed = (subscriptionId: string) => events?.emit('subscriptions.changed', { subscriptionId });

  async function subscription(id: string): Promise<Subscription> {
    const found = (await subscriptionsApi.list()).find((s) => s.id === id);
    if (!found) throw notFound();
    return found;
  }

  async function invoice(id: string): Promise<Invoice> {
    const known = knownInvoices.get(id);
    if (known) return known;
    await service.invoices();
    const listed = knownInvoices.get(id);
    if (!listed) throw notFound();
    return listed;
  }

  async function saved(invoiceId: string): Promise<{ path: string; fileName: string }> {
    const already = files.savedPath(invoiceId);
    if (already) return already;
    const { number } = await invoice(invoiceId);
    // The main process fetches the PDF with the session's token; the renderer only ever sees the path.
    const file = await files.save(number, await api.invoicePdf(invoiceId));
    files.remember(invoiceId, file);
    logger.info('invoice saved', { number, folder: 'downloads' });
    return file;
  }

  const service: BillingService = {
    plans: () => api.plans(),
    paymentMethods: () => api.paymentMethods(),
    addPaymentMethod: (card) => api.addPaymentMethod(card),
    updatePaymentMethod: (id, { expMonth, expYear, holder }) =>
      api.updatePaymentMethod(id, {
        ...(expMonth !== undefined && { expMonth }),
        ...(expYear !== undefined && { expYear }),
        ...(holder !== undefined && { holder }),
      }),
    makeDefaultPaymentMethod: (id) => api.updatePaymentMethod(id, { isDefault: true }),
    deletePaymentMethod: (id) => api.deletePaymentMethod(id),

    async renewalTerms(subscriptionId) {
      const [sub, plans] = await Promise.all([subscription(subscriptionId), api.plans()]);
      const plan = plans.find((p) => p.id === sub.plan);
      if (!plan) throw notFound();
      const at = now();
      return [...plan.prices]
        .sort((a, b) => a.termYears - b.termYears)
        .map((price) => ({
          termYears: price.termYears,
          amount: price.amount,
          currency: price.currency,
          // As the service reckons it: from the later of now and the old expiry.
          expiresAt: extendedExpiry(sub.expiresAt, price.termYears, at).toISOString(),
        }));
    },

    async renew(subscriptionId, termYears, paymentMethodId) {
      const body = { termYears, paymentMethodId };
      const result = await retryKeys.run({ renew: subscriptionId, ...body }, (key) => api.renew(subscriptionId, body, key));
      changed(subscriptionId);
      return result;
    },

    async setAutoRenew(subscriptionId, autoRenew, paymentMethodId) {
      const result = await api.patchSubscription(subscriptionId, {
        autoRenew,
        ...(paymentMethodId !== undefined && { paymentMethodId }),
      });
      changed(subscriptionId);
      return result;
    },

    upgradeOptions: (subscriptionId) => api.upgradeOptions(subscriptionId),

    async upgrade(subscriptionId, plan, paymentMethodId, expectedAmount) {
      const body = { plan, paymentMethodId, expectedAmount };
      const result = await retryKeys.run({ upgrade: subscriptionId, ...body }, (key) =>
        api.upgrade(subscriptionId, body, key),
      );
      changed(subscriptionId);
      return result;
    },

    async invoices() {
      const list = await api.invoices();
      knownInvoices = new Map(list.map((i) => [i.id, i]));
      return list;
    },

    async saveInvoice(invoiceId) {
      return { ...(await saved(invoiceId)), shown: false };
    },
    async openInvoice(invoiceId) {
      const file = await saved(invoiceId);
      const shown = shell.openPath ? await shell.openPath(file.path) : false;
      return { ...file, shown };
    },
    async showInvoiceInFolder(invoiceId) {
      const file = await saved(invoiceId);
      const shown = shell.showItemInFolder ? await shell.showItemInFolder(file.path) : false;
      return { ...file, shown };
    },
  };
  return service;
}
