import { z } from 'zod';
import { languageSchema } from '../i18n/languages';
import { passwordInputSchema, personNameSchema } from './identity';

/** docs/api.md, "Account". */
export const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  /** The language of the account's e-mails. A service from before languages sends none: English. */
  language: languageSchema.default('en'),
  mfaEnabled: z.boolean(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

/** `PATCH /v1/account`: at least one of the name and the language. */
export const accountPatchSchema = z
  .object({ name: personNameSchema.optional(), language: languageSchema.optional() })
  .refine((patch) => patch.name !== undefined || patch.language !== undefined, {
    message: 'Send a name, a language or both.',
  })
  .meta({ description: 'At least one of the name and the language.', minProperties: 1 });
export type AccountPatch = z.infer<typeof accountPatchSchema>;

export const changePasswordBodySchema = z.object({
  currentPassword: passwordInputSchema,
  newPassword: passwordInputSchema,
});

/** `POST /v1/account/mfa/totp/setup`: starting to turn 2-step verification on needs the password. */
export const totpSetupBodySchema = z.object({ password: passwordInputSchema });

/** `POST /v1/account/mfa/totp/enable`: a code from the secret that setup returned. */
export const totpEnableBodySchema = z.object({ code: z.string().trim().min(6).max(32) });

/** `POST /v1/account/mfa/totp/disable`: turning 2-step verification off needs the password. */
export const totpDisableBodySchema = z.object({ password: passwordInputSchema });
