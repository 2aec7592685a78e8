import { z } from 'zod';
import { accountSchema, changePasswordBodySchema } from '../api/account';
import { emailSchema, passwordInputSchema, personNameSchema } from '../api/identity';
import { event, invoke } from './define';
import { deepLinkSchema } from './links';
import { protectionContract, thisComputerStateSchema } from './protection';
import { securityContract } from './security';
import { sessionStateSchema } from './session';
import { settingsContract } from './settings';

const none = z.object({}).strict();
const nothing = z.null();

/**
 * The IPC contract: every call the renderer can make and every event it can receive.
 * The main process registers and validates handlers from this object; the preload and the
 * browser host build `window.palisade` from it, so the transports cannot drift.
 * Channel names are `<area>.<method>`.
 */
export const contract = {
  app: {
    info: invoke(
      none,
      z.object({
        version: z.string(),
        platform: z.enum(['win32', 'darwin', 'linux']),
        host: z.enum(['electron', 'browser']),
        online: z.boolean(),
      }),
    ),
    /** Opens a vetted https link in the system browser. */
    openExternal: invoke(z.object({ url: z.url({ protocol: /^https$/ }).max(2048) }).strict(), nothing),
  },
  session: {
    get: invoke(none, sessionStateSchema),
  },
  auth: {
    signUp: invoke(
      z.object({ email: emailSchema, password: passwordInputSchema, name: personNameSchema }).strict(),
      z.object({ email: z.string() }),
    ),
    /** Accepts the code from the e-mail, or the whole link pasted. */
    confirmEmail: invoke(z.object({ code: z.string().trim().min(1).max(2048) }).strict(), nothing),
    signIn: invoke(
      z.object({ email: emailSchema, password: passwordInputSchema }).strict(),
      z.discriminatedUnion('status', [
        z.object({ status: z.literal('signedIn'), session: sessionStateSchema }),
        // The MFA token stays in the main process; the renderer only learns a code is needed.
        z.object({ status: z.literal('mfaRequired') }),
      ]),
    ),
    verifyMfa: invoke(z.object({ code: z.string().trim().min(6).max(32) }).strict(), sessionStateSchema),
    signOut: invoke(none, nothing),
    requestPasswordReset: invoke(z.object({ email: emailSchema }).strict(), nothing),
    /** `code` is the token from the reset e-mail, or the whole link pasted. */
    resetPassword: invoke(z.object({ code: z.string().trim().min(1).max(2048), password: passwordInputSchema }).strict(), nothing),
  },
  account: {
    get: invoke(none, accountSchema),
    update: invoke(z.object({ name: personNameSchema }).strict(), accountSchema),
    changePassword: invoke(changePasswordBodySchema.strict(), nothing),
  },
  ...securityContract,
  ...protectionContract,
  ...settingsContract,
} as const;

/** Pushed from the main process to the renderer. */
export const events = {
  'session.changed': event(sessionStateSchema),
  'network.changed': event(z.object({ online: z.boolean() })),
  'app.deepLink': event(deepLinkSchema),
  /** This computer's protection state, whenever it changes (heartbeat, registration, removal, network). */
  'thisComputer.changed': event(thisComputerStateSchema),
} as const;

export type Contract = typeof contract;
export type Events = typeof events;
