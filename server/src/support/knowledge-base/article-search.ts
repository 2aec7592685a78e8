import { sql } from 'kysely';
import type { Db } from '../../db/database';
import {
  ARTICLE_QUERY_MAX_CHARS,
  type Article,
  type ArticleKind,
  type ArticleSummary,
  SNIPPET_MARK_END,
  SNIPPET_MARK_START,
} from '../../../../shared/api/support-articles';
import type { Language } from '../../../../shared/i18n/languages';
import { textSearchConfig } from './text-search-config';

/** At most this many words of a query are looked at (a pasted paragraph is not a question). */
const MAX_WORDS = 24;
/** How alike (pg_trgm similarity) a query word and an article word must be to stand in for it. */
const MISSPELLING_SIMILARITY = 0.35;
/** ts_rank's weights for D, C, B, A: title (A) counts most, then summary (B), then body (C). */
const WEIGHTS = '{0.05, 0.2, 0.5, 1.0}';

const headlineOptions = `StartSel=${SNIPPET_MARK_START}, StopSel=${SNIPPET_MARK_END}, MaxWords=28, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

interface SearchOptions {
  q?: string | undefined;
  kind?: ArticleKind | undefined;
  limit: number;
  language: Language;
}

/** A query's words: letters and digits only, lower-cased, so nothing of it is syntax. */
export const queryWords = (q: string): string[] =>
  [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])].slice(0, MAX_WORDS);

/**
 * Each word, plus for a word no article contains the article words most like it (pg_trgm):
 * "pasword" becomes "pasword password", and the full-text search then finds "password".
 */
async function withSpellings(db: Db, language: Language, words: string[]): Promise<string[]> {
  const candidates = words.filter((w) => w.length >= 3 && !/^\d+$/.test(w));
  if (candidates.length === 0) return words;
  const found = await sql<{ query: string; word: string; sim: number }>`
    SELECT q.word AS query, m.word, m.sim
    FROM unnest(${candidates}::text[]) AS q(word)
    CROSS JOIN LATERAL (
      SELECT h.word, similarity(h.word, q.word) AS sim
      FROM help_words h
      WHERE h.language = ${language} AND h.word % q.word
      ORDER BY sim DESC, h.word
      LIMIT 2
    ) m`.execute(db);
  const extra: string[] = [];
  for (const word of candidates) {
    const matches = found.rows.filter((r) => r.query === word);
    if (matches.some((r) => r.word === word)) continue; // spelt as an article spells it
    extra.push(...matches.filter((r) => Number(r.sim) >= MISSPELLING_SIMILARITY).map((r) => r.word));
  }
  return [...new Set([...words, ...extra])];
}

/**
 * docs/api.md "Support": articles of the language ranked by relevance to `q` — full-text
 * rank over any of the words (their spellings corrected), a bonus when all of the query
 * matches as written (websearch_to_tsquery, so quotes and `-` keep their meaning and any
 * text is safe), and the title's trigram likeness to the query. No words: the articles
 * readers found most helpful first.
 */
export async function searchArticles(db: Db, options: SearchOptions): Promise<ArticleSummary[]> {
  const q = (options.q ?? '').slice(0, ARTICLE_QUERY_MAX_CHARS).trim();
  const words = queryWords(q);
  const config = sql.lit(textSearchConfig(options.language));
  const kind = options.kind ?? null;
  if (words.length === 0) {
    const rows = await sql<Row>`
      SELECT a.slug, a.title, a.summary, a.kind, a.summary AS snippet, a.updated_at
      FROM help_articles a
      LEFT JOIN (
        SELECT slug, sum(CASE WHEN helpful THEN 1 ELSE -1 END) AS votes FROM help_article_feedback GROUP BY slug
      ) f ON f.slug = a.slug
      WHERE a.language = ${options.language} AND (${kind}::text IS NULL OR a.kind = ${kind})
      ORDER BY coalesce(f.votes, 0) DESC, a.title
      LIMIT ${options.limit}`.execute(db);
    return rows.rows.map(toSummary);
  }
  const anyWords = (await withSpellings(db, options.language, words)).join(' or ');
  const rows = await sql<Row>`
    WITH query AS (
      SELECT websearch_to_tsquery(${config}::regconfig, ${anyWords}) AS any_word,
             websearch_to_tsquery(${config}::regconfig, ${q}) AS as_written
    ),
    ranked AS (
      SELECT a.*,
        ts_rank(${WEIGHTS}::float4[], a.search, query.any_word)
          + 0.5 * ts_rank(${WEIGHTS}::float4[], a.search, query.as_written)
          + 0.3 * word_similarity(${q}, a.title) AS score,
        query.any_word
      FROM help_articles a, query
      WHERE a.language = ${options.language} AND (${kind}::text IS NULL OR a.kind = ${kind})
        AND (a.search @@ query.any_word OR word_similarity(${q}, a.title) > 0.4)
    )
    SELECT slug, title, summary, kind, updated_at,
      ts_headline(${config}::regconfig, plain_body, any_word, ${headlineOptions}) AS snippet
    FROM ranked
    ORDER BY score DESC, title
    LIMIT ${options.limit}`.execute(db);
  return rows.rows.map(toSummary);
}

interface Row {
  slug: string;
  title: string;
  summary: string;
  kind: ArticleKind;
  snippet: string;
  updated_at: Date | string;
}

const toSummary = (row: Row): ArticleSummary => ({
  slug: row.slug,
  title: row.title,
  summary: row.summary,
  kind: row.kind,
  snippet: row.snippet,
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** One article of the language with its related ones' titles (in the front matter's order). */
export async function findArticle(db: Db, language: Language, slug: string): Promise<Article | undefined> {
  const found = await sql<Row & { body: string; video_url: string | null; duration_seconds: number | null; related: string[] }>`
    SELECT slug, title, summary, kind, body, video_url, duration_seconds, related, updated_at, '' AS snippet
    FROM help_articles WHERE language = ${language} AND slug = ${slug}`.execute(db);
  const row = found.rows[0];
  if (!row) return undefined;
  const related = await sql<{ slug: string; title: string }>`
    SELECT slug, title FROM help_articles
    WHERE language = ${language} AND slug = ANY(${row.related}::text[])`.execute(db);
  const titles = new Map(related.rows.map((r) => [r.slug, r.title]));
  return {
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    body: row.body,
    ...(row.video_url ? { videoUrl: row.video_url } : {}),
    ...(row.duration_seconds ? { durationSeconds: row.duration_seconds } : {}),
    related: row.related.filter((s) => titles.has(s)).map((s) => ({ slug: s, title: titles.get(s)! })),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** "Was this helpful?": false when there is no such article. */
export async function recordFeedback(
  db: Db,
  input: { id: string; slug: string; language: Language; helpful: boolean; now: Date },
): Promise<boolean> {
  const inserted = await sql`
    INSERT INTO help_article_feedback (id, slug, language, helpful, created_at)
    SELECT ${input.id}, slug, ${input.language}, ${input.helpful}, ${input.now}
    FROM help_articles WHERE slug = ${input.slug} AND language = ${input.language}`.execute(db);
  return Number(inserted.numAffectedRows ?? 0) > 0;
}
