import { z } from 'zod';
import { invoke, none } from './define';

/**
 * Whether a newer Palisade is out, from the service's update feed (the one electron-updater
 * reads): `available` with its version, `ready` once the desktop app has downloaded and
 * checked it ("Restart to update"), `upToDate`, or `unknown` when the feed did not answer.
 */
export const updateStatusSchema = z.object({
  state: z.enum(['upToDate', 'available', 'ready', 'unknown']),
  version: z.string().max(64).nullable(),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const updatesContract = {
  updates: {
    status: invoke(none, updateStatusSchema),
  },
} as const;

export const updatesEvents = {} as const;
