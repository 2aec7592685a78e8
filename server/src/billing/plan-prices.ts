import type { PlanOffer, TermYears } from '../../../shared/api/billing';
import { termYearsValues } from '../../../shared/api/billing';
import { type PlanId, planIds, plans } from '../../../shared/plans';

/**
 * What each plan costs for each term, tax included, in minor units of the configured
 * currency (BILLING_CURRENCY). Data, not code: a price change is a change of this table.
 * Longer terms cost less a year, as the seed portal's do.
 */
export const planPrices: Readonly<Record<PlanId, Readonly<Record<TermYears, number>>>> = {
  essentials: { 1: 2999, 2: 5499, 3: 7799 },
  family: { 1: 4999, 2: 8999, 3: 12999 },
  max: { 1: 6999, 2: 12599, 3: 17999 },
};

export const priceOf = (plan: PlanId, termYears: TermYears): number => planPrices[plan][termYears];

/** Plans smallest first: an upgrade goes to a later one (more seats). */
export const planOrder: readonly PlanId[] = [...planIds].sort((a, b) => plans[a].seats - plans[b].seats);

export const biggerPlans = (plan: PlanId): PlanId[] => planOrder.filter((p) => plans[p].seats > plans[plan].seats);

/** A term automatic renewal can buy again: a key's 5-year term renews for 1 year, as docs/api.md says of unknown terms. */
export function renewableTerm(termYears: number): TermYears {
  return (termYearsValues as readonly number[]).includes(termYears) ? (termYears as TermYears) : 1;
}

/** `GET /v1/plans`. */
export function planOffers(currency: string): PlanOffer[] {
  return planOrder.map((id) => ({
    id,
    name: plans[id].name,
    seats: plans[id].seats,
    prices: termYearsValues.map((termYears) => ({ termYears, amount: priceOf(id, termYears), currency })),
  }));
}
