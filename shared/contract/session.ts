import { z } from 'zod';
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

export const sessionEvents = {
  'session.changed': event(sessionStateSchema),
} as const;
