import { useCallback } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import type { CardSummary } from '../../../../shared/api/billing';

/** "Visa ••4242": how a card is named on every screen, in the person's language. */
export function cardName(intl: IntlShape, card: CardSummary): string {
  return intl.formatMessage(
    { id: 'billing.card.name' },
    { brand: intl.formatMessage({ id: `billing.brand.${card.brand}` }), last4: card.last4 },
  );
}

export function useCardName(): (card: CardSummary) => string {
  const intl = useIntl();
  return useCallback((card: CardSummary) => cardName(intl, card), [intl]);
}

/** "03" and "2028": an expiry as cards print it. */
export const expiryParts = (card: { expMonth: number; expYear: number }) => ({
  month: String(card.expMonth).padStart(2, '0'),
  year: String(card.expYear),
});

/** Whether the card's expiry month has passed. */
export function cardExpired(card: { expMonth: number; expYear: number }, now: Date = new Date()): boolean {
  return card.expYear * 12 + card.expMonth - 1 < now.getUTCFullYear() * 12 + now.getUTCMonth();
}
