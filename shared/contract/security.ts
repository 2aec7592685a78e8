import { z } from 'zod';
import { passwordInputSchema } from '../api/identity';
import { invoke, none, nothing } from './define';

/** One sign-in of the account (`GET /v1/account/sessions`). */
export const accountSessionSchema = z.object({
  id: z.string(),
  /** Null when the client that signed in gave no name. */
  deviceName: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string(),
  /** The session this app is signed in with. */
  current: z.boolean(),
});
export type AccountSession = z.infer<typeof accountSessionSchema>;

export const totpSetupSchema = z.object({ secret: z.string(), otpauthUrl: z.string() });
export type TotpSetup = z.infer<typeof totpSetupSchema>;

export const recoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()).length(10) });

/** A 6-digit code as people paste it ("123 456"): spaces go, then it must be six digits. */
export const totpCodeSchema = z
  .string()
  .max(32)
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your app.'));

/** 2-step verification and the account's sessions (Settings → Security). */
export const securityContract = {
  security: {
    /** Starts TOTP setup (needs the password): the secret to type by hand and the otpauth:// URL for a QR code. */
    startTotpSetup: invoke(z.object({ password: passwordInputSchema }).strict(), totpSetupSchema),
    /** Confirms setup with a code; the ten recovery codes are shown once. Pushes session.changed (mfaEnabled). */
    enableTotp: invoke(z.object({ code: totpCodeSchema }).strict(), recoveryCodesSchema),
    /** Needs the password. Pushes session.changed (mfaEnabled). */
    disableTotp: invoke(z.object({ password: passwordInputSchema }).strict(), nothing),
    listSessions: invoke(none, z.array(accountSessionSchema)),
    /** Ends one session; ending this app's own session signs it out. */
    endSession: invoke(z.object({ id: z.string().min(1).max(128) }).strict(), z.object({ signedOut: z.boolean() })),
    /** Ends every session of the account, this one included. */
    signOutEverywhere: invoke(none, nothing),
  },
} as const;

/** Turning 2-step verification on or off is told through `session.changed` (mfaEnabled). */
export const securityEvents = {} as const;
