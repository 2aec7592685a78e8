const DAY_MS = 24 * 60 * 60 * 1000;

/** A device is new for this long after it registered, */
export const NEW_DEVICE_DAYS = 30;
/** and its leases last this long meanwhile, */
export const NEW_DEVICE_LEASE_DAYS = 7;
/** and this long after. */
export const ESTABLISHED_LEASE_DAYS = 14;

/**
 * How long a lease issued `now` to a device registered at `registeredAt` lasts
 * (docs/api.md, "Devices"). A lease cannot be recalled, so a device that may be freed and
 * replaced soon (a new one) gets a short one: with the seat-change limit, at most
 * 3 × seats machines can then hold a valid lease of one subscription at once.
 */
export function leaseDays(registeredAt: Date, now: Date): number {
  return now.getTime() - registeredAt.getTime() < NEW_DEVICE_DAYS * DAY_MS ? NEW_DEVICE_LEASE_DAYS : ESTABLISHED_LEASE_DAYS;
}

export const leaseExpiry = (registeredAt: Date, now: Date): Date => new Date(now.getTime() + leaseDays(registeredAt, now) * DAY_MS);
