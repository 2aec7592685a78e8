import { randomUUID } from 'node:crypto';
import type { RegisterDeviceBody } from '../../../shared/api/devices';
import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import type { DeviceRow, SubscriptionRow } from '../db/protection-tables';
import { fieldRefusal } from '../http/field-refusal';
import { ServiceError } from '../http/service-error';
import type { WriteResult } from '../idempotency/idempotent-write';
import type { LeaseSigner } from '../licence/lease-signer';
import { findSameMachine } from '../../../shared/device-match';
import type { ComponentKeys } from './component-keys';
import { deviceDeactivated, deviceNotFound, toDevice } from './devices';
import { assertSeatChangeAllowed, recordSeatChange } from './seat-changes';
import { assertSeatFree, chooseSubscription, lockSeats, namedSubscription } from './seat-limit';
import { recordAccountEvent } from '../events/account-events';
import { announceCommittedEvent } from '../events/local-announcements';
import type { AccountEvent } from '../../../shared/api/events';

export interface DeviceWriteContext {
  userId: string;
  now: Date;
  leases: LeaseSigner;
  keys: ComponentKeys;
}

/** `{ device, lease }` with the status the route answers; the lease names the fingerprint the machine sent. */
function answer(statusCode: 200 | 201, device: DeviceRow, body: RegisterDeviceBody, subscription: SubscriptionRow, context: DeviceWriteContext): WriteResult {
  const lease = context.leases.sign(
    {
      deviceId: device.id,
      deviceRegisteredAt: device.registered_at,
      subscriptionId: subscription.id,
      fingerprint: body.fingerprint,
      plan: subscription.plan,
      protectedUntil: subscription.expires_at,
    },
    context.now,
  );
  return { statusCode, body: { device: toDevice(device), lease } };
}

/**
 * What the machine says about itself, as stored: its fingerprint and components keyed with
 * the service secret (component-keys.ts); components are a set, so duplicates are dropped.
 */
const machineFields = (body: RegisterDeviceBody, keys: ComponentKeys, now: Date) => ({
  fingerprint: keys.key(body.fingerprint),
  components: keys.keyAll(body.components),
  components_keyed: true,
  os: body.os,
  app_version: body.appVersion,
  last_seen_at: now,
});

function newDevice(body: RegisterDeviceBody, context: DeviceWriteContext, subscriptionId: string, replaces: string | null): DeviceRow {
  const { userId, now, keys } = context;
  return {
    id: randomUUID(),
    user_id: userId,
    subscription_id: subscriptionId,
    name: body.name,
    platform: body.platform,
    ...machineFields(body, keys, now),
    status: 'active',
    registered_at: now,
    deactivated_at: null,
    deactivated_reason: null,
    replaces_device_id: replaces,
  };
}

/**
 * `POST /v1/devices`, inside a transaction. The same machine (half-match rule against the
 * account's active devices) gets its device back, 200, with what it reports updated (and
 * moved to the subscription asked for, seat permitting); another machine gets a new
 * device, 201, if the subscription has a free seat.
 */
export async function registerDevice(trx: Db, body: RegisterDeviceBody, context: DeviceWriteContext): Promise<WriteResult> {
  const { userId, now } = context;
  const seats = await lockSeats(trx, userId);
  const presented = context.keys.keyAll(body.components);
  const same = findSameMachine(seats.devices, presented, (device) => device.components);
  const subscription =
    body.subscriptionId !== undefined
      ? namedSubscription(seats.subscriptions, body.subscriptionId, now)
      : chooseSubscription(seats.subscriptions, now, same?.subscription_id);

  if (same) {
    if (same.subscription_id !== subscription.id) await assertSeatFree(trx, subscription);
    const updated = await trx
      .updateTable('devices')
      .set({ ...machineFields(body, context.keys, now), subscription_id: subscription.id })
      .where('id', '=', same.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAccountEvent(trx, userId, { type: 'device.changed', data: { deviceId: updated.id } }, now);
    return answer(200, updated, body, subscription, context);
  }

  await assertSeatFree(trx, subscription);
  const device = newDevice(body, context, subscription.id, null);
  await insertDeviceWithEvent(trx, device, now);
  return answer(201, device, body, subscription, context);
}

/**
 * The new device and its `device.changed` event in one statement (a data-modifying WITH
 * runs whether or not the rest reads it): a round trip fewer on every registration.
 */
async function insertDeviceWithEvent(trx: Db, device: DeviceRow, now: Date): Promise<void> {
  const event: AccountEvent = { type: 'device.changed', data: { deviceId: device.id } };
  const row = await trx
    .with('added', (db) => db.insertInto('devices').values(device))
    .insertInto('account_events')
    .values({ user_id: device.user_id, type: event.type, data: JSON.stringify(event.data), created_at: now })
    .returning('seq')
    .executeTakeFirstOrThrow();
  announceCommittedEvent(trx, device.user_id, Number(row.seq));
}

/**
 * `POST /v1/devices/:id/transfer`, inside a transaction: the old device (active, on the
 * caller's account) is deactivated and the new machine registered on its subscription,
 * both or neither. The new device records which one it replaced.
 */
export async function transferDevice(trx: Db, oldDeviceId: string, body: RegisterDeviceBody, context: DeviceWriteContext): Promise<WriteResult> {
  const { userId, now } = context;
  // Seats first, then the old device: every device-adding write locks in this order.
  const seats = await lockSeats(trx, userId);
  const old = await trx
    .selectFrom('devices')
    .selectAll()
    .where('id', '=', asUuid(oldDeviceId))
    .where('user_id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
  if (!old) throw deviceNotFound();
  if (old.status !== 'active') throw deviceDeactivated(old);
  if (body.subscriptionId !== undefined && body.subscriptionId !== old.subscription_id) {
    throw new ServiceError(
      'VALIDATION_FAILED',
      'Some fields are missing or not valid.',
      fieldRefusal('subscriptionId', 'A moved device keeps the subscription of the device it replaces; leave this out.'),
    );
  }
  const subscription = namedSubscription(seats.subscriptions, old.subscription_id, now);

  const same = findSameMachine(seats.devices, context.keys.keyAll(body.components), (device) => device.components);
  if (same) {
    throw new ServiceError(
      'CONFLICT',
      same.id === old.id
        ? 'This computer is the device you are moving from: there is nothing to move.'
        : 'This computer is already protected on this account. Remove it from your devices first, or keep it as it is.',
      { deviceId: same.id },
    );
  }

  // Moving frees the old device's seat while its lease stays valid: a seat change.
  await assertSeatChangeAllowed(trx, subscription, now);
  await trx
    .updateTable('devices')
    .set({ status: 'deactivated', deactivated_at: now, deactivated_reason: 'transferred' })
    .where('id', '=', old.id)
    .execute();
  await recordSeatChange(trx, { deviceId: old.id, subscriptionId: subscription.id, reason: 'transferred', now });
  // The old device's seat is free now (it was active on this subscription, so it was counted).
  await assertSeatFree(trx, subscription, subscription.used - 1);
  const device = newDevice(body, context, subscription.id, old.id);
  await trx.insertInto('devices').values(device).execute();
  await recordAccountEvent(trx, userId, { type: 'device.deactivated', data: { deviceId: old.id, at: now.toISOString() } }, now);
  await recordAccountEvent(trx, userId, { type: 'device.changed', data: { deviceId: device.id } }, now);
  return answer(201, device, body, subscription, context);
}
