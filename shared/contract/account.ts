import type { z } from 'zod';
import { accountPatchSchema, accountSchema, changePasswordBodySchema } from '../api/account';
import { invoke, none, nothing } from './define';

/** What may change about the account: the service's own rule, with nothing else allowed. */
export const accountUpdateSchema = accountPatchSchema.strict();

export type AccountUpdate = z.infer<typeof accountUpdateSchema>;

/** The signed-in person's account: profile and password. */
export const accountContract = {
  account: {
    get: invoke(none, accountSchema),
    update: invoke(accountUpdateSchema, accountSchema),
    changePassword: invoke(changePasswordBodySchema.strict(), nothing),
  },
} as const;

/** Profile changes reach the renderer through `session.changed` (the user's name). */
export const accountEvents = {} as const;
