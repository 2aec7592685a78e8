import type { CardSummary } from '../../../../shared/api/billing';
import type { Subscription } from '../../../../shared/api/subscriptions';

/**
 * Which sentence says a subscription's renewal state, and with what: the one thing a
 * person must be able to read at a glance ("Renews on 3 March with Visa ••4242", "Ends on
 * 3 March"). Pure, so every case is tested without a screen.
 */
export type RenewalState =
  | { kind: 'ended'; date: string }
  | { kind: 'ends'; date: string }
  /** On, with the card and the coming charge. */
  | { kind: 'renewsWith'; date: string; card: CardSummary; charge: { at: string; amount: number; currency: string } }
  /** On, but an older service said nothing about the card. */
  | { kind: 'renews'; date: string }
  /** On, but there is no card left to charge. */
  | { kind: 'noCard'; date: string }
  /** On, and the last automatic charge was declined: it is tried again daily until `date`. */
  | { kind: 'declined'; date: string; card: CardSummary; when: string };

export function renewalState(subscription: Subscription, now: Date = new Date()): RenewalState {
  const date = subscription.expiresAt;
  if (subscription.status === 'expired' || Date.parse(date) <= now.getTime()) return { kind: 'ended', date };
  if (!subscription.autoRenew) return { kind: 'ends', date };
  const renewal = subscription.renewal;
  if (!renewal) return { kind: 'renews', date };
  if (!renewal.paymentMethod) return { kind: 'noCard', date };
  const card = { brand: renewal.paymentMethod.brand, last4: renewal.paymentMethod.last4 };
  if (renewal.lastDecline) return { kind: 'declined', date, card, when: renewal.lastDecline.at };
  return { kind: 'renewsWith', date, card, charge: { at: renewal.at, amount: renewal.amount, currency: renewal.currency } };
}
