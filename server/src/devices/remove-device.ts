import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import { deviceNotFound } from './devices';
import { assertSeatChangeAllowed, recordSeatChange } from './seat-changes';
import { lockSubscriptions } from './seat-limit';
import { recordAccountEvent } from '../events/account-events';

/**
 * `DELETE /v1/devices/:id`, inside a transaction. An active device is deactivated and its
 * seat is free at once: a seat change, counted against the subscription's limit under the
 * subscription lock (seat-changes.ts). A deactivated device is forgotten: gone from the
 * list, which frees nothing and counts for nothing (its seat change stays counted).
 */
export async function removeDevice(trx: Db, input: { userId: string; id: string; now: Date }): Promise<void> {
  // The subscriptions first, then the device: every seat change locks in this order.
  const subscriptions = await lockSubscriptions(trx, input.userId);
  const device = await trx
    .selectFrom('devices')
    .select(['id', 'status', 'subscription_id'])
    .where('id', '=', asUuid(input.id))
    .where('user_id', '=', input.userId)
    .forUpdate()
    .executeTakeFirst();
  if (!device) throw deviceNotFound();
  if (device.status !== 'active') {
    await trx.deleteFrom('devices').where('id', '=', device.id).execute();
    await recordAccountEvent(trx, input.userId, { type: 'device.changed', data: { deviceId: device.id } }, input.now);
    return;
  }
  const subscription = subscriptions.find((s) => s.id === device.subscription_id);
  if (!subscription) throw deviceNotFound();
  await assertSeatChangeAllowed(trx, subscription, input.now);
  await trx
    .updateTable('devices')
    .set({ status: 'deactivated', deactivated_at: input.now, deactivated_reason: 'removed' })
    .where('id', '=', device.id)
    .execute();
  await recordSeatChange(trx, { deviceId: device.id, subscriptionId: subscription.id, reason: 'removed', now: input.now });
  await recordAccountEvent(trx, input.userId, { type: 'device.deactivated', data: { deviceId: device.id, at: input.now.toISOString() } }, input.now);
}
