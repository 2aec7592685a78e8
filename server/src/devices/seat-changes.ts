import type { Db } from '../db/database';
import type { DeactivatedReason, SubscriptionRow } from '../db/protection-tables';
import { ServiceError } from '../http/service-error';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The window the seat-change limit counts in. */
export const SEAT_CHANGE_WINDOW_DAYS = 30;

/** Seats a subscription may free (deactivations and moves) in any window. */
export const seatChangeLimit = (subscription: Pick<SubscriptionRow, 'seats'>) => 2 * subscription.seats;

/**
 * The seat-change limit (docs/api.md, "Devices"): offline leases cannot be recalled, so a
 * freed seat taken by another machine leaves the old one protected until its lease ends.
 * At most 2 × seats changes in any 30 days, then `429 SEAT_CHANGES_LIMITED` until the
 * oldest counted one is 30 days old.
 *
 * Call it inside the transaction that locked the account's subscription rows (`lockSeats`
 * or `lockSubscriptions`, seat-limit.ts): every seat change takes that lock first, so this
 * count, read after the lock was granted, sees every change committed before, and no other
 * can be added until this transaction ends.
 */
export async function assertSeatChangeAllowed(trx: Db, subscription: Pick<SubscriptionRow, 'id' | 'seats'>, now: Date): Promise<void> {
  const limit = seatChangeLimit(subscription);
  const windowStart = new Date(now.getTime() - SEAT_CHANGE_WINDOW_DAYS * DAY_MS);
  const changes = await trx
    .selectFrom('seat_changes')
    .select('changed_at')
    .where('subscription_id', '=', subscription.id)
    .where('changed_at', '>', windowStart)
    .orderBy('changed_at')
    .execute();
  if (changes.length < limit) return;
  // The change whose aging out brings the count below the limit (the oldest, when at the limit).
  const freedBy = changes[changes.length - limit]!.changed_at;
  const retryAt = new Date(freedBy.getTime() + SEAT_CHANGE_WINDOW_DAYS * DAY_MS);
  throw new ServiceError(
    'SEAT_CHANGES_LIMITED',
    `This subscription has freed ${limit} seats in the last ${SEAT_CHANGE_WINDOW_DAYS} days, as many as it may. Try again after ${retryAt.toISOString()}.`,
    {
      subscriptionId: subscription.id,
      limit,
      windowDays: SEAT_CHANGE_WINDOW_DAYS,
      retryAt: retryAt.toISOString(),
      retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
    },
  );
}

/** Counts the deactivation of `deviceId` against its subscription. */
export async function recordSeatChange(
  trx: Db,
  change: { deviceId: string; subscriptionId: string; reason: DeactivatedReason; now: Date },
): Promise<void> {
  await trx
    .insertInto('seat_changes')
    .values({ device_id: change.deviceId, subscription_id: change.subscriptionId, reason: change.reason, changed_at: change.now })
    .execute();
}
