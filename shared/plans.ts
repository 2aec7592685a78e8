import { z } from 'zod';

/** The plans a subscription can be on (docs/api.md, "Subscriptions and product keys"). */
export const planIds = ['essentials', 'family', 'max'] as const;
export type PlanId = (typeof planIds)[number];
export const planIdSchema = z.enum(planIds);

export interface Plan {
  readonly id: PlanId;
  readonly name: string;
  /** How many devices may be active on one subscription. */
  readonly seats: number;
}

export const plans: Readonly<Record<PlanId, Plan>> = {
  essentials: { id: 'essentials', name: 'Palisade Essentials', seats: 1 },
  family: { id: 'family', name: 'Palisade Family', seats: 5 },
  max: { id: 'max', name: 'Palisade Max', seats: 10 },
};

export const planName = (id: PlanId): string => plans[id].name;
export const planSeats = (id: PlanId): number => plans[id].seats;
