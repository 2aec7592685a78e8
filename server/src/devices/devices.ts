import type { Device } from '../../../shared/api/devices';
import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import type { DeviceRow } from '../db/protection-tables';
import { ServiceError } from '../http/service-error';
import { recordAccountEvent } from '../events/account-events';

export const toDevice = (row: DeviceRow): Device => ({
  id: row.id,
  name: row.name,
  os: row.os,
  platform: row.platform,
  subscriptionId: row.subscription_id,
  status: row.status,
  registeredAt: row.registered_at.toISOString(),
  lastSeenAt: row.last_seen_at.toISOString(),
});

export const deviceNotFound = () => new ServiceError('NOT_FOUND', 'There is no such device on this account.');

export const deviceDeactivated = (row: Pick<DeviceRow, 'deactivated_at'>) =>
  new ServiceError('DEVICE_DEACTIVATED', 'This device was removed from the account.', {
    deactivatedAt: (row.deactivated_at ?? new Date(0)).toISOString(),
  });

/** Active and deactivated devices of the account, most recently seen first. */
export async function listDevices(db: Db, userId: string): Promise<Device[]> {
  const rows = await db
    .selectFrom('devices')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toDevice);
}

export async function renameDevice(db: Db, input: { userId: string; id: string; name: string; now: Date }): Promise<Device> {
  // The new name and its device.changed event together.
  const row = await db.transaction().execute(async (trx) => {
    const renamed = await trx
      .updateTable('devices')
      .set({ name: input.name })
      .where('id', '=', asUuid(input.id))
      .where('user_id', '=', input.userId)
      .returningAll()
      .executeTakeFirst();
    if (renamed) await recordAccountEvent(trx, input.userId, { type: 'device.changed', data: { deviceId: renamed.id } }, input.now);
    return renamed;
  });
  if (!row) throw deviceNotFound();
  return toDevice(row);
}
