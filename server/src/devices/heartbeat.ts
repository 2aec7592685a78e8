import type { Db } from '../db/database';
import { asUuid } from '../db/ids';
import type { LeaseSigner } from '../licence/lease-signer';
import { deviceDeactivated, deviceNotFound } from './devices';

/**
 * `POST /v1/devices/:id/heartbeat`: the device is still here; it gets a fresh lease.
 *
 * The lease names the fingerprint the machine sends now, which becomes the device's
 * fingerprint: after a part changes, the client's fingerprint moves while the service
 * (by the half-match rule, at its last registration) still calls it the same machine.
 * Fingerprints are computed by the client, so checking them here would stop nobody.
 */
export async function heartbeat(
  db: Db,
  input: { userId: string; id: string; fingerprint: string; now: Date; leases: LeaseSigner },
): Promise<{ lease: string }> {
  const id = asUuid(input.id);
  const device = await db
    .updateTable('devices')
    .set({ last_seen_at: input.now, fingerprint: input.fingerprint })
    .where('id', '=', id)
    .where('user_id', '=', input.userId)
    .where('status', '=', 'active')
    .returning(['id', 'subscription_id', 'fingerprint'])
    .executeTakeFirst();
  if (!device) {
    const gone = await db.selectFrom('devices').select('deactivated_at').where('id', '=', id).where('user_id', '=', input.userId).executeTakeFirst();
    throw gone ? deviceDeactivated(gone) : deviceNotFound();
  }
  const subscription = await db
    .selectFrom('subscriptions')
    .select(['id', 'plan', 'expires_at'])
    .where('id', '=', device.subscription_id)
    .executeTakeFirstOrThrow();
  const lease = input.leases.sign(
    {
      deviceId: device.id,
      subscriptionId: subscription.id,
      fingerprint: device.fingerprint,
      plan: subscription.plan,
      protectedUntil: subscription.expires_at,
    },
    input.now,
  );
  return { lease };
}
