import { createHash, randomUUID } from 'node:crypto';
import type { DevicePlatform } from '../../../shared/api/devices';
import { planSeats } from '../../../shared/plans';
import type { Db } from '../db/database';
import type { DeviceRow } from '../db/protection-tables';
import { addYears } from '../subscriptions/subscriptions';

const HOUR_MS = 60 * 60 * 1000;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * The demo account's two devices. Their component hashes are sha256 of fixed strings:
 * well-formed, stable across runs, and never equal to a real machine's, so the computer
 * running the app registers as a third device.
 */
const demoDevices: { name: string; os: string; platform: DevicePlatform; parts: string[]; seenHoursAgo: number }[] = [
  { name: 'Alex’s laptop', os: 'Windows 11 Home 23H2', platform: 'windows', parts: ['hardwareUuid', 'baseboardSerial', 'diskSerial', 'mac', 'osMachineId'], seenHoursAgo: 2 },
  { name: 'Family iMac', os: 'macOS 14.5 Sonoma', platform: 'macos', parts: ['hardwareUuid', 'diskSerial', 'mac', 'osMachineId'], seenHoursAgo: 72 },
];

/**
 * Gives the demo account an active family subscription (one year from now) with two
 * devices, unless it has a subscription already. Runs under a lock on the account row,
 * so two seeders racing create them once.
 */
export async function seedDemoProtection(db: Db, userId: string, now: Date): Promise<'created' | 'exists'> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('users').select('id').where('id', '=', userId).forNoKeyUpdate().executeTakeFirstOrThrow();
    const existing = await trx.selectFrom('subscriptions').select('id').where('user_id', '=', userId).executeTakeFirst();
    if (existing) return 'exists';
    const subscriptionId = randomUUID();
    await trx
      .insertInto('subscriptions')
      .values({
        id: subscriptionId,
        user_id: userId,
        plan: 'family',
        seats: planSeats('family'),
        starts_at: now,
        expires_at: addYears(now, 1),
        auto_renew: true,
        created_at: now,
      })
      .execute();
    const devices: DeviceRow[] = demoDevices.map((d) => {
      const components = d.parts.map((part) => sha256(`palisade-demo/${d.name}/${part}`));
      const seen = new Date(now.getTime() - d.seenHoursAgo * HOUR_MS);
      return {
        id: randomUUID(),
        user_id: userId,
        subscription_id: subscriptionId,
        name: d.name,
        os: d.os,
        platform: d.platform,
        app_version: '1.0.0',
        fingerprint: sha256([...components].sort().join('')),
        components,
        // Made-up hashes, not keyed with the service secret: the next start keys them.
        components_keyed: false,
        status: 'active',
        registered_at: new Date(seen.getTime() - 30 * 24 * HOUR_MS),
        last_seen_at: seen,
        deactivated_at: null,
        deactivated_reason: null,
        replaces_device_id: null,
      };
    });
    await trx.insertInto('devices').values(devices).execute();
    return 'created';
  });
}
