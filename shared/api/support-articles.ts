import { z } from 'zod';
import { isoTimeSchema } from './subscriptions';

/** docs/api.md, "Support": the knowledge base. */

export const articleKinds = ['article', 'video'] as const;
export type ArticleKind = (typeof articleKinds)[number];
export const articleKindSchema = z.enum(articleKinds);

/** Slugs are the file names of content/help: lower-case words joined by hyphens. */
export const articleSlugSchema = z.string().min(1).max(80).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected an article slug.');

/**
 * A query longer than this is cut to it, not refused: a pasted error message or log line
 * still searches (by its first words), and the search-as-you-type box never shows an error.
 */
export const ARTICLE_QUERY_MAX_CHARS = 256;
export const ARTICLE_LIMIT_MAX = 50;

export const articleSearchQuerySchema = z.object({
  q: z.string().max(100_000).optional(),
  kind: articleKindSchema.optional(),
  limit: z.coerce.number().int().min(1).max(ARTICLE_LIMIT_MAX).default(10),
});

/**
 * Marks around the matched words of a snippet: private-use characters that no article
 * contains, so a client splits on them and renders the marked parts itself (never as HTML).
 */
export const SNIPPET_MARK_START = '\uE000';
export const SNIPPET_MARK_END = '\uE001';

export const articleSummarySchema = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: articleKindSchema,
  /** Plain text (no Markdown), the matched words between SNIPPET_MARK_START and _END. */
  snippet: z.string(),
  updatedAt: isoTimeSchema,
});
export type ArticleSummary = z.infer<typeof articleSummarySchema>;
export const articleListSchema = z.array(articleSummarySchema);

export const articleSchema = z.object({
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: articleKindSchema,
  /** Markdown; clients render it without raw HTML. */
  body: z.string(),
  videoUrl: z.string().optional(),
  durationSeconds: z.number().int().optional(),
  related: z.array(z.object({ slug: z.string(), title: z.string() })),
  updatedAt: isoTimeSchema,
});
export type Article = z.infer<typeof articleSchema>;

export const articleFeedbackSchema = z.object({ helpful: z.boolean() });
export type ArticleFeedback = z.infer<typeof articleFeedbackSchema>;
