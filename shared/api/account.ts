import { z } from 'zod';
import { passwordInputSchema, personNameSchema } from './identity';

/** ../shared/API.md, "Account". */
export const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  mfaEnabled: z.boolean(),
  createdAt: z.string(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountPatchSchema = z.object({ name: personNameSchema.optional() });

export const changePasswordBodySchema = z.object({
  currentPassword: passwordInputSchema,
  newPassword: passwordInputSchema,
});

/** `POST /v1/account/mfa/totp/enable`: a code from the secret that setup returned. */
export const totpEnableBodySchema = z.object({ code: z.string().trim().min(6).max(32) });

/** `POST /v1/account/mfa/totp/disable`: turning 2-step verification off needs the password. */
export const totpDisableBodySchema = z.object({ password: passwordInputSchema });
