import type { BillingCountry } from '../../../shared/api/billing';
import rates from './tax-rates.json' with { type: 'json' };

/** The tax rate of a country in basis points (tax-rates.json: data in the repository). */
export function taxRateBp(country: BillingCountry): number {
  const rate = (rates as unknown as Record<string, number>)[country];
  if (rate === undefined) throw new Error(`No tax rate for ${country} in tax-rates.json.`);
  return rate;
}

/** The tax a price that includes it holds: amount × r / (1 + r), rounded to the minor unit. */
export function includedTax(amount: number, rateBp: number): number {
  return Math.round((amount * rateBp) / (10_000 + rateBp));
}

/** Basis points as the percentage the API and the invoice show (1900 → 19, 810 → 8.1). */
export const ratePercent = (rateBp: number): number => rateBp / 100;
