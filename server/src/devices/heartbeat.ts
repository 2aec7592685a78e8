import { matchesSameMachine } from '../../../shared/device-match';
import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import { ServiceError } from '../http/service-error';
import type { LeaseSigner } from '../licence/lease-signer';
import type { ComponentKeys } from './component-keys';
import { deviceDeactivated, deviceNotFound } from './devices';

/**
 * `POST /v1/devices/:id/heartbeat`, inside a transaction: the device is still here; it
 * gets a fresh lease, if the machine asking still is that device.
 *
 * The machine sends its components; by the half rule against the device's stored ones it
 * is the same machine (one new part passes), and what it sends becomes what is stored, so
 * parts may change one at a time. A machine that does not match is another computer using
 * the device's id: `409 DEVICE_MISMATCH` and no lease, or one seat could protect any
 * number of machines that learnt the id.
 */
export async function heartbeat(
  trx: Db,
  input: { userId: string; id: string; fingerprint: string; components: readonly string[]; now: Date; leases: LeaseSigner; keys: ComponentKeys },
): Promise<{ lease: string }> {
  // The device (locked) and its subscription's plan and expiry in one statement: a round trip fewer a heartbeat.
  const device = await trx
    .selectFrom('devices')
    .innerJoin('subscriptions', 'subscriptions.id', 'devices.subscription_id')
    .select([
      'devices.id',
      'devices.subscription_id',
      'devices.status',
      'devices.components',
      'devices.registered_at',
      'devices.deactivated_at',
      'subscriptions.plan',
      'subscriptions.expires_at',
    ])
    .where('devices.id', '=', asUuid(input.id))
    .where('devices.user_id', '=', input.userId)
    .forUpdate('devices')
    .executeTakeFirst();
  if (!device) throw deviceNotFound();
  if (device.status !== 'active') throw deviceDeactivated(device);
  const presented = input.keys.keyAll(input.components);
  if (!matchesSameMachine(device.components, presented)) {
    throw new ServiceError('DEVICE_MISMATCH', 'This machine is not the one registered as this device. Register it as a device of its own.', {
      deviceId: device.id,
    });
  }
  await trx
    .updateTable('devices')
    .set({ last_seen_at: input.now, fingerprint: input.keys.key(input.fingerprint), components: presented, components_keyed: true })
    .where('id', '=', device.id)
    .execute();
  const lease = input.leases.sign(
    {
      deviceId: device.id,
      deviceRegisteredAt: device.registered_at,
      subscriptionId: device.subscription_id,
      fingerprint: input.fingerprint,
      plan: device.plan,
      protectedUntil: device.expires_at,
    },
    input.now,
  );
  return { lease };
}
