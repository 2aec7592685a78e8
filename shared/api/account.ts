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
