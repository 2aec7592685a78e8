import type { CardBrand } from '../../../shared/payment-card';

/**
 * What the service itself knows of a card before the provider is asked: its brand from
 * the leading digits (the provider would say the same), and whether its expiry passed.
 */
const brandPatterns: readonly (readonly [CardBrand, RegExp])[] = [
  // Most specific first: UnionPay and Maestro overlap broader ranges.
  ['amex', /^3[47]/],
  ['diners', /^(30[0-5]|36|3[89])/],
  ['jcb', /^35(2[89]|[3-8]\d)/],
  ['discover', /^(6011|64[4-9]|65)/],
  ['mastercard', /^(5[1-5]|222[1-9]|22[3-9]\d|2[3-6]\d\d|27[01]\d|2720)/],
  ['visa', /^4/],
  ['unionpay', /^62/],
  ['maestro', /^(50|5[6-9]|6)/],
];

export function detectBrand(digits: string): CardBrand | null {
  return brandPatterns.find(([, pattern]) => pattern.test(digits))?.[0] ?? null;
}

/** How a brand is written on a receipt ("Visa ••4242"). */
export const brandNames: Readonly<Record<CardBrand, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  maestro: 'Maestro',
};

export const cardLabel = (card: { brand: CardBrand; last4: string }): string => `${brandNames[card.brand]} ••${card.last4}`;

/** A card is good through the end of its expiry month (UTC). */
export function cardExpired(expMonth: number, expYear: number, now: Date): boolean {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return expYear < year || (expYear === year && expMonth < month);
}
