import { contactListSchema } from '../../../shared/api/support-contacts';
import type { Handlers } from '../../../shared/contract/types';
import type { SupportContacts } from '../../../shared/contract/support';
import type { ApiClient } from '../api/api-client';

/**
 * The region of the first system language that names one (`de-AT`, `en_GB`, `zh-Hant-TW`),
 * or null: a bare `de` says nothing about where the person is, so the international line is
 * a fairer guess than Germany.
 */
export function regionOfLanguages(languages: readonly string[]): string | null {
  for (const tag of languages) {
    const region = tag
      .split(/[-_]/)
      .slice(1)
      .find((part) => /^[A-Za-z]{2}$/.test(part));
    if (region) return region.toUpperCase();
  }
  return null;
}

/** The `support` area: phone lines (no account needed, so no token is sent). */
export function createSupportHandlers(options: {
  api: ApiClient;
  systemLanguages: () => readonly string[];
}): Pick<Handlers, 'support'> {
  return {
    support: {
      contacts: async (): Promise<SupportContacts> => ({
        suggestedRegion: regionOfLanguages(options.systemLanguages()),
        lines: await options.api.request({ method: 'GET', path: '/v1/support/contacts', schema: contactListSchema }),
      }),
    },
  };
}
