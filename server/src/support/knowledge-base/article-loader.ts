import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Language } from '../../../../shared/i18n/languages';
import type { ArticleFile } from './article-files';
import { readArticleFiles } from './article-files';
import { textSearchConfig } from './text-search-config';

export interface LoadResult {
  changed: number;
  removed: number;
}

/**
 * Makes the database's articles those of the repository: an article whose file hash
 * changed (or is new) is written with its vector, one no longer in the repository goes,
 * and the word list for misspellings is rebuilt when anything changed. One transaction,
 * so concurrent instances starting together leave one consistent copy.
 */
export async function loadHelpArticles(db: Db, now: Date, files?: ArticleFile[]): Promise<LoadResult> {
  const articles = files ?? (await readArticleFiles());
  return db.transaction().execute(async (trx) => {
    // Instances starting at once take turns; the second finds nothing left to change.
    await sql`LOCK TABLE help_articles IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
    const stored = await sql<{ language: string; slug: string; content_hash: string }>`
      SELECT language, slug, content_hash FROM help_articles`.execute(trx);
    const hashes = new Map(stored.rows.map((r) => [`${r.language}/${r.slug}`, r.content_hash]));
    let changed = 0;
    for (const a of articles) {
      const key = `${a.language}/${a.slug}`;
      const hash = hashes.get(key);
      hashes.delete(key);
      if (hash === a.contentHash) continue;
      changed += 1;
      const config = sql.lit(textSearchConfig(a.language));
      await sql`
        INSERT INTO help_articles (language, slug, kind, title, summary, body, plain_body, video_url,
          duration_seconds, related, content_hash, search, updated_at)
        VALUES (${a.language}, ${a.slug}, ${a.kind}, ${a.title}, ${a.summary}, ${a.body}, ${a.plainBody},
          ${a.videoUrl ?? null}, ${a.durationSeconds ?? null}, ${a.related}::text[], ${a.contentHash},
          setweight(to_tsvector(${config}::regconfig, ${a.title}), 'A')
            || setweight(to_tsvector(${config}::regconfig, ${a.summary}), 'B')
            || setweight(to_tsvector(${config}::regconfig, ${a.plainBody}), 'C'),
          ${now})
        ON CONFLICT (language, slug) DO UPDATE SET kind = excluded.kind, title = excluded.title,
          summary = excluded.summary, body = excluded.body, plain_body = excluded.plain_body,
          video_url = excluded.video_url, duration_seconds = excluded.duration_seconds,
          related = excluded.related, content_hash = excluded.content_hash, search = excluded.search,
          updated_at = excluded.updated_at`.execute(trx);
    }
    for (const key of hashes.keys()) {
      const [language, slug] = key.split('/') as [Language, string];
      await sql`DELETE FROM help_articles WHERE language = ${language} AND slug = ${slug}`.execute(trx);
    }
    if (changed > 0 || hashes.size > 0) {
      await sql`DELETE FROM help_words`.execute(trx);
      // The words as written (lower-cased, unstemmed), so a misspelling is compared with
      // a real word and the corrected word then goes through the language's stemmer.
      await sql`
        INSERT INTO help_words (language, word)
        SELECT DISTINCT a.language, w.word
        FROM help_articles a,
          LATERAL regexp_split_to_table(lower(a.title || ' ' || a.summary || ' ' || a.plain_body), '[^[:alpha:]]+') AS w(word)
        WHERE length(w.word) >= 3`.execute(trx);
    }
    return { changed, removed: hashes.size };
  });
}
