import { type Kysely, sql } from 'kysely';

/**
 * The knowledge base (support/knowledge-base/): the Markdown articles of content/help, one
 * row per language and slug, with their full-text vector (title A, summary B, body C, in
 * the language's own configuration) and a trigram index over their words, so a misspelt
 * question still finds its article; and what readers answered to "Was this helpful?".
 * The rows are a copy of the repository's files, replaced at start when a file's hash changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await sql`
    CREATE TABLE help_articles (
      language text NOT NULL,
      slug text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('article', 'video')),
      title text NOT NULL,
      summary text NOT NULL,
      body text NOT NULL,
      plain_body text NOT NULL,
      video_url text,
      duration_seconds integer,
      related text[] NOT NULL DEFAULT '{}',
      content_hash text NOT NULL,
      search tsvector NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (language, slug)
    )`.execute(db);
  await sql`CREATE INDEX help_articles_search ON help_articles USING gin (search)`.execute(db);
  // Every word of the articles of a language: a misspelt query word is matched to its
  // nearest ones here (trigram similarity) before the full-text search runs.
  await sql`
    CREATE TABLE help_words (
      language text NOT NULL,
      word text NOT NULL,
      PRIMARY KEY (language, word)
    )`.execute(db);
  await sql`CREATE INDEX help_words_trigram ON help_words USING gin (word gin_trgm_ops)`.execute(db);
  await sql`
    CREATE TABLE help_article_feedback (
      id uuid PRIMARY KEY,
      slug text NOT NULL,
      language text NOT NULL,
      helpful boolean NOT NULL,
      created_at timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX help_article_feedback_slug ON help_article_feedback (slug)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE help_article_feedback`.execute(db);
  await sql`DROP TABLE help_words`.execute(db);
  await sql`DROP TABLE help_articles`.execute(db);
}
