import { z } from 'zod';
import { emailSchema, passwordInputSchema, personNameSchema } from '../api/identity';
import { languageSchema } from '../i18n/languages';
import { invoke, none, nothing } from './define';
import { sessionStateSchema } from './session';

/** Signing up, in and out, and getting back into an account. */
export const authContract = {
  auth: {
    /** `language` is the one the app speaks, so the account's e-mails arrive in it. */
    signUp: invoke(
      z
        .object({
          email: emailSchema,
          password: passwordInputSchema,
          name: personNameSchema,
          language: languageSchema.optional(),
        })
        .strict(),
      z.object({ email: z.string() }),
    ),
    /**
     * Accepts the 8-character code from the e-mail (with `email`, the address it went to), or
     * the link's token or whole link pasted. Signed in at once when this app still holds the
     * password just chosen at sign-up for that address.
     */
    confirmEmail: invoke(
      z.object({ code: z.string().trim().min(1).max(2048), email: emailSchema.optional() }).strict(),
      z.discriminatedUnion('status', [
        z.object({ status: z.literal('confirmed') }),
        z.object({ status: z.literal('signedIn'), session: sessionStateSchema }),
      ]),
    ),
    /** A new confirmation e-mail (the service sends at most one a minute); the same answer whatever the address. */
    resendConfirmation: invoke(z.object({ email: emailSchema }).strict(), nothing),
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
    /** `code` is the 8-character code from the reset e-mail (with `email`), its token, or the whole link pasted. */
    resetPassword: invoke(
      z.object({ code: z.string().trim().min(1).max(2048), email: emailSchema.optional(), password: passwordInputSchema }).strict(),
      nothing,
    ),
  },
} as const;

export type SignUpInput = z.infer<typeof authContract.auth.signUp.input>;

/** Sign-in and sign-out are told through `session.changed`. */
export const authEvents = {} as const;
