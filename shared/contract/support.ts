import { z } from 'zod';
import { contactSchema } from '../api/support-contacts';
import { invoke, none } from './define';

/**
 * What the "Call support" section shows: every phone line, and the region the system's
 * locale suggests (the main process knows it; null when the locale names no region).
 */
export const supportContactsSchema = z.object({
  suggestedRegion: z.string().regex(/^[A-Z]{2}$/).nullable(),
  lines: z.array(contactSchema),
});
export type SupportContacts = z.infer<typeof supportContactsSchema>;

export const supportContract = {
  support: {
    contacts: invoke(none, supportContactsSchema),
  },
} as const;

export const supportEvents = {} as const;
