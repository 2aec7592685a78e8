import { z } from 'zod';
import { languageChoiceSchema } from '../i18n/languages';
import { invoke, none } from './define';

/** What a person set in Settings and the app remembers across restarts. */
export const settingsSchema = z.object({
  /** `system` follows the operating system's language (the browser's in the browser host). */
  language: languageChoiceSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsContract = {
  settings: {
    get: invoke(none, settingsSchema),
    /** Changes what is given, keeps the rest, and answers with all of it. */
    update: invoke(settingsSchema.partial().strict(), settingsSchema),
  },
} as const;

/** Settings change only when the renderer asks, and it gets them back in the answer. */
export const settingsEvents = {} as const;
