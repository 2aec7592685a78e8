import { z } from 'zod';
import { accountSchema, changePasswordBodySchema } from '../api/account';
import { personNameSchema } from '../api/identity';
import { languageSchema } from '../i18n/languages';
import { invoke, none, nothing } from './define';

/** What may change about the account: at least one of its name and its language. */
export const accountUpdateSchema = z
  .object({ name: personNameSchema.optional(), language: languageSchema.optional() })
  .strict()
  .refine((patch) => patch.name !== undefined || patch.language !== undefined, {
    message: 'Give a name or a language to change.',
  });

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
