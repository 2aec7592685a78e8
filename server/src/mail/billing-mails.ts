import type { DeclineReason } from '../../../shared/api/billing';
import { planName, type PlanId } from '../../../shared/plans';
import type { InvoiceRow } from '../billing/billing-tables';
import { formatDay, formatMoney } from '../billing/billing-formats';
import { cardLabel } from '../billing/card-facts';
import { invoiceDescription } from '../billing/invoices';
import { messagesIn } from '../i18n/service-messages';
import { linkMail, noticeMail, type Recipient } from './mail-layout';
import type { MailMessage } from './mailer';

/**
 * The billing e-mails (docs/api.md "Automatic renewal and reminders"), as pure functions
 * of what they tell: the caller queues them (queueMail) in the transaction of the change.
 * Amounts, dates and card are put in in the reader's language; a card is only ever
 * "Visa ••4242".
 */

/** Where a person fixes a card or renews: the app's Billing screen. */
export const billingLink = 'palisade://billing';

type Card = Parameters<typeof cardLabel>[0];

interface Charge {
  amount: number;
  currency: string;
  card: Card;
}

/** The receipt of a renewal (by hand or automatic) or an upgrade, with the invoice PDF. */
export function receiptMail(to: Recipient, invoice: InvoiceRow, pdf: Uint8Array): MailMessage {
  const { language } = to;
  const { text } = messagesIn(language);
  const values = {
    amount: formatMoney(language, invoice.amount, invoice.currency),
    card: cardLabel({ brand: invoice.card_brand, last4: invoice.card_last4 }),
    description: invoiceDescription({ ...invoice, language }),
  };
  const mail = noticeMail(to, { id: 'payments.receipt.subject', values: { number: invoice.number } }, [
    { id: invoice.kind === 'automatic_renewal' ? 'payments.receipt.automatic' : 'payments.receipt.body', values },
    { id: 'payments.receipt.protectedUntil', values: { date: formatDay(language, invoice.expires_at) } },
    { id: 'payments.receipt.attached', values: { number: invoice.number } },
  ]);
  return {
    ...mail,
    attachments: [{ filename: text('payments.invoice.fileName', { number: invoice.number }), contentType: 'application/pdf', content: pdf }],
  };
}

/** The acknowledgement the EU's 2026 withdrawal-button rule and California's ARL expect: off, and until when protected. */
export function autoRenewOffMail(to: Recipient, input: { plan: PlanId; expiresAt: Date; when: Date }): MailMessage {
  const plan = planName(input.plan);
  return noticeMail(to, { id: 'payments.autoRenewOff.subject', values: { plan } }, [
    { id: 'payments.autoRenewOff.body', values: { plan, when: messagesIn(to.language).dateTime(input.when) } },
    { id: 'payments.autoRenewOff.protectedUntil', values: { date: formatDay(to.language, input.expiresAt) } },
    { id: 'payments.autoRenewOff.again' },
  ]);
}

/** On: the date and amount of the next charge, and that it can be turned off before then. */
export function autoRenewOnMail(to: Recipient, input: { plan: PlanId; chargeAt: Date; termYears: number } & Charge): MailMessage {
  const plan = planName(input.plan);
  return noticeMail(to, { id: 'payments.autoRenewOn.subject', values: { plan } }, [
    {
      id: 'payments.autoRenewOn.body',
      values: {
        plan,
        amount: formatMoney(to.language, input.amount, input.currency),
        card: cardLabel(input.card),
        years: input.termYears,
        date: formatDay(to.language, input.chargeAt),
      },
    },
    { id: 'payments.autoRenewOn.cancel' },
  ]);
}

/** An automatic charge that failed: what failed, and a link to fix the card. */
export function renewalDeclinedMail(
  to: Recipient,
  input: { plan: PlanId; expiresAt: Date; reason: DeclineReason } & Charge,
): MailMessage {
  const { text } = messagesIn(to.language);
  const plan = planName(input.plan);
  return linkMail(to.language, {
    to: to.email,
    name: to.name,
    subject: { id: 'payments.declined.subject', values: { plan } },
    intro: {
      id: 'payments.declined.body',
      values: {
        plan,
        amount: formatMoney(to.language, input.amount, input.currency),
        card: cardLabel(input.card),
        reason: text(`payments.declineReason.${input.reason}`),
      },
    },
    action: { id: 'payments.declined.action' },
    outro: { id: 'payments.declined.retry', values: { date: formatDay(to.language, input.expiresAt) } },
    link: billingLink,
  });
}

/** 30 or 7 days before the expiry: the coming charge when it renews, else the end and a way to renew. */
export function reminderMail(
  to: Recipient,
  input: { plan: PlanId; expiresAt: Date; days: number; renewal: ({ chargeAt: Date; termYears: number } & Charge) | null },
): MailMessage {
  const plan = planName(input.plan);
  if (input.renewal) {
    const date = formatDay(to.language, input.renewal.chargeAt);
    return noticeMail(to, { id: 'payments.reminder.renewsSubject', values: { plan, date } }, [
      {
        id: 'payments.reminder.renewsBody',
        values: {
          plan,
          date,
          amount: formatMoney(to.language, input.renewal.amount, input.renewal.currency),
          card: cardLabel(input.renewal.card),
          years: input.renewal.termYears,
        },
      },
      { id: 'payments.reminder.renewsCancel' },
    ]);
  }
  const date = formatDay(to.language, input.expiresAt);
  return linkMail(to.language, {
    to: to.email,
    name: to.name,
    subject: { id: 'payments.reminder.endsSubject', values: { plan, date } },
    intro: { id: 'payments.reminder.endsBody', values: { plan, date, days: input.days } },
    action: { id: 'payments.reminder.renewAction' },
    outro: { id: 'payments.reminder.endsOutro' },
    link: billingLink,
  });
}

/** Once, when a subscription expired without renewal. */
export function protectionEndedMail(to: Recipient, input: { plan: PlanId; expiresAt: Date }): MailMessage {
  const plan = planName(input.plan);
  return linkMail(to.language, {
    to: to.email,
    name: to.name,
    subject: { id: 'payments.ended.subject', values: { plan } },
    intro: { id: 'payments.ended.body', values: { plan, date: formatDay(to.language, input.expiresAt) } },
    action: { id: 'payments.reminder.renewAction' },
    outro: { id: 'payments.ended.outro' },
    link: billingLink,
  });
}
