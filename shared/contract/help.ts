import { z } from 'zod';
import {
  ARTICLE_QUERY_MAX_CHARS,
  articleKindSchema,
  articleListSchema,
  articleSchema,
  articleSlugSchema,
} from '../api/support-articles';
import { invoke, nothing } from './define';

const slugRef = z.object({ slug: articleSlugSchema }).strict();

/**
 * The Help screen's knowledge base. The main process asks the service (in the account's
 * language); the renderer names a query or a slug, never a URL.
 */
export const helpContract = {
  help: {
    /** Search as you type: an empty `q` answers the most helpful articles. */
    search: invoke(z.object({ q: z.string().max(ARTICLE_QUERY_MAX_CHARS), kind: articleKindSchema.optional() }).strict(), articleListSchema),
    article: invoke(slugRef, articleSchema),
    feedback: invoke(z.object({ slug: articleSlugSchema, helpful: z.boolean() }).strict(), nothing),
  },
} as const;

export const helpEvents = {} as const;
