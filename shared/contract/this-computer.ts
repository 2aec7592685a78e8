import { z } from 'zod';
import { deviceFingerprintSchema, deviceNameSchema, devicePlatformSchema, deviceSchema } from '../api/devices';
import { isoTimeSchema } from '../api/subscriptions';
import { event, invoke, none } from './define';

/**
 * Where this computer stands:
 * - `signedOut`: nobody is signed in, so nothing is known yet;
 * - `unregistered`: signed in, this computer holds no seat (with `formerDevice` when the
 *   service said it is no longer the device it was registered as: `DEVICE_MISMATCH`);
 * - `protected`: a valid lease says it is protected until `protectedUntil`;
 * - `removed`: its device was deactivated (from another device or a move), at `removedAt`;
 * - `expired`: the subscription it is on has ended.
 * `offline` is true when the state comes from the last verified lease, not the service.
 */
export const thisComputerStateSchema = z.object({
  state: z.enum(['signedOut', 'unregistered', 'protected', 'removed', 'expired']),
  device: deviceSchema.nullable(),
  protectedUntil: isoTimeSchema.nullable(),
  leaseExpiresAt: isoTimeSchema.nullable(),
  lastCheckedAt: isoTimeSchema.nullable(),
  removedAt: isoTimeSchema.nullable(),
  offline: z.boolean(),
  /** Set when the licence key the service presents is not the one pinned at first use. */
  licenceKeyChanged: z.boolean(),
  /** The name registration will suggest: the host name. */
  suggestedName: z.string(),
  /**
   * The device this computer was registered as, when the service no longer recognises this
   * computer as it (too many parts changed, or its files were copied to another machine):
   * it can be protected as a device of its own, or take that device's seat by a move.
   */
  formerDevice: deviceSchema.optional(),
});
export type ThisComputerState = z.infer<typeof thisComputerStateSchema>;

const deviceId = z.string().min(1).max(128);

/**
 * Everything registration sends about this computer, so "What this computer shares" can
 * list all of it: the component hashes and fingerprint, and the words beside them.
 */
export const thisComputerSharesSchema = deviceFingerprintSchema.extend({
  /** The device's name on the account, or the one registration would suggest. */
  name: z.string(),
  os: z.string(),
  platform: devicePlatformSchema,
  appVersion: z.string(),
});
export type ThisComputerShares = z.infer<typeof thisComputerSharesSchema>;

/** This computer's protection: its seat, its lease, and moving protection to it. */
export const thisComputerContract = {
  thisComputer: {
    status: invoke(none, thisComputerStateSchema),
    /** Registers this computer; `SEAT_LIMIT_REACHED` carries the plan's devices in `details.devices`. */
    register: invoke(
      z.object({ subscriptionId: z.string().min(1).max(128).optional(), name: deviceNameSchema.optional() }).strict(),
      thisComputerStateSchema,
    ),
    /** Moves protection from another device to this computer in one transaction. */
    moveFrom: invoke(z.object({ deviceId }).strict(), thisComputerStateSchema),
    /** Asks the service now (heartbeat), instead of waiting for the 6-hourly check. */
    check: invoke(none, thisComputerStateSchema),
    /** What this computer shares with the service: component kinds and hashes (never raw serials), its name, OS and app version. */
    shares: invoke(none, thisComputerSharesSchema),
  },
} as const;

export const thisComputerEvents = {
  /** This computer's protection state, whenever it changes (heartbeat, registration, removal, network). */
  'thisComputer.changed': event(thisComputerStateSchema),
} as const;
