import { z } from 'zod';
import { sessionEndReasons } from '../api/events';
import { isoTimeSchema } from '../api/subscriptions';
import { event, invoke, none } from './define';

export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  mfaEnabled: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/**
 * What the renderer knows of the session: who is signed in, never a token.
 * `storage` says whether the session survives a restart: `secure` when the OS key store
 * keeps it, `memory` when no real key store exists (the user signs in again next launch).
 */
export const sessionStateSchema = z.object({
  user: sessionUserSchema.nullable(),
  storage: z.enum(['secure', 'memory']),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const sessionContract = {
  session: {
    get: invoke(none, sessionStateSchema),
  },
} as const;

/**
 * Why the service ended this app's session (a password changed on another device, say):
 * the device whose session did it, when another one did, and when.
 */
export const sessionEndSchema = z.object({
  reason: z.enum(sessionEndReasons),
  byDeviceName: z.string().max(200).nullable(),
  at: isoTimeSchema,
});
export type SessionEnd = z.infer<typeof sessionEndSchema>;

export const sessionEvents = {
  'session.changed': event(sessionStateSchema),
  /** Sent after the `session.changed` that signed this app out, when the service ended the session. */
  'session.ended': event(sessionEndSchema),
} as const;
