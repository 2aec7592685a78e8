import { articleListSchema, articleSchema } from '../../../shared/api/support-articles';
import type { Handlers } from '../../../shared/contract/types';
import type { ApiClient } from '../api/api-client';

/**
 * The `help` area: docs/api.md "Support", the knowledge base. Signed in (the Help screen is
 * behind sign-in), so the service answers in the account's language.
 */
export function createHelpHandlers(api: ApiClient): Pick<Handlers, 'help'> {
  return {
    help: {
      search: ({ q, kind }) => {
        const query = new URLSearchParams({ q, limit: '10', ...(kind && { kind }) });
        return api.request({ method: 'GET', path: `/v1/support/articles?${query}`, schema: articleListSchema, auth: true });
      },
      article: ({ slug }) =>
        api.request({ method: 'GET', path: `/v1/support/articles/${encodeURIComponent(slug)}`, schema: articleSchema, auth: true }),
      feedback: async ({ slug, helpful }) => {
        await api.request({ method: 'POST', path: `/v1/support/articles/${encodeURIComponent(slug)}/feedback`, body: { helpful }, auth: true });
        return null;
      },
    },
  };
}
