import { useCallback } from 'react';
import { useIntl, type IntlShape } from 'react-intl';

/**
 * Money comes as an integer in minor units with its currency (docs/api.md): "€39.99",
 * "39,99 €", "¥4,000", in the person's locale, with the currency's own number of decimals.
 */
export function formatMoney(intl: IntlShape, amount: number, currency: string): string {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return intl.formatNumber(amount / 10 ** digits, { style: 'currency', currency });
}

export function useMoney(): (amount: number, currency: string) => string {
  const intl = useIntl();
  return useCallback((amount: number, currency: string) => formatMoney(intl, amount, currency), [intl]);
}
