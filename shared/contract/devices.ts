import { z } from 'zod';
import { deviceNameSchema, devicePlatformSchema, deviceSchema } from '../api/devices';
import { emailTokenSchema } from '../api/identity';
import { isoTimeSchema } from '../api/subscriptions';
import { event, invoke, none, nothing } from './define';

const deviceId = z.string().min(1).max(128);

/** The account's devices: naming and deactivating them, and inviting new ones. */
export const devicesContract = {
  devices: {
    list: invoke(none, z.object({ devices: z.array(deviceSchema), thisDeviceId: z.string().nullable() })),
    rename: invoke(z.object({ id: deviceId, name: deviceNameSchema }).strict(), deviceSchema),
    deactivate: invoke(z.object({ id: deviceId }).strict(), nothing),
    /** Takes a deactivated device off the list; an active one is refused (`CONFLICT`), never deactivated by it. */
    forget: invoke(z.object({ id: deviceId }).strict(), nothing),
    invite: invoke(
      z.object({ platform: devicePlatformSchema, email: z.string().trim().max(254).optional() }).strict(),
      z.object({ link: z.string(), expiresAt: isoTimeSchema }),
    ),
    /** Spends an invitation opened on this computer (`palisade://install?token=…`). */
    acceptInvitation: invoke(
      z.object({ token: emailTokenSchema }).strict(),
      z.object({ platform: devicePlatformSchema }),
    ),
  },
} as const;

/** This computer's own seat is told through `thisComputer.changed`. */
export const devicesEvents = {
  /** A device changed anywhere on the account (`null`: any may have): read the list again. */
  'devices.changed': event(z.object({ deviceId: z.string().nullable() })),
} as const;
