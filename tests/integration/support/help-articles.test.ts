import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  articleListSchema,
  articleSchema,
  SNIPPET_MARK_END,
  SNIPPET_MARK_START,
} from '../../../shared/api/support-articles';
import type { Language } from '../../../shared/i18n/languages';
import { readArticleFiles } from '../../../server/src/support/knowledge-base/article-files';
import { loadHelpArticles } from '../../../server/src/support/knowledge-base/article-loader';
import { useService } from '../../support/use-service';
import { expectError } from '../server/http';

const { service, api } = useService({ smtp: false });

const get = (path: string, language: Language = 'en') => api.request('GET', path, { headers: { 'accept-language': language } });
const search = async (q: string, language: Language = 'en', extra = '') => {
  const answer = await get(`/v1/support/articles?q=${encodeURIComponent(q)}${extra}`, language);
  expect(answer.status).toBe(200);
  return articleListSchema.parse(answer.body);
};

const questions = (language: Language): { q: string; slug: string }[] =>
  JSON.parse(readFileSync(new URL(`../../fixtures/help-questions.${language}.json`, import.meta.url), 'utf8'));

describe('the knowledge base: relevance', () => {
  for (const language of ['en', 'de'] as const) {
    it(`puts the wanted article in the top 3 for at least 90 % of everyday questions (${language})`, async () => {
      const set = questions(language);
      expect(set.length).toBeGreaterThanOrEqual(40);
      const misses: string[] = [];
      for (const { q, slug } of set) {
        const top = (await search(q, language, '&limit=3')).map((a) => a.slug);
        if (!top.includes(slug)) misses.push(`${q} → wanted ${slug}, got ${top.join(', ') || 'nothing'}`);
      }
      const rate = (set.length - misses.length) / set.length;
      console.log(`help search ${language}: ${(rate * 100).toFixed(1)} % in the top 3 (${set.length - misses.length}/${set.length})${misses.map((m) => `\n  miss: ${m}`).join('')}`);
      expect(rate).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('finds the reset article first for a misspelt "pasword reset", its snippet marking the matched words', async () => {
    const [first] = await search('pasword reset');
    expect(first?.slug).toBe('reset-password');
    expect(first?.snippet).toMatch(new RegExp(`${SNIPPET_MARK_START}[^${SNIPPET_MARK_END}]+${SNIPPET_MARK_END}`));
    // The snippet is plain text cut from the article: no Markdown marks, no HTML.
    expect(first?.snippet).not.toMatch(/[<>*#]/);
  });

  it('answers in the language of Accept-Language, and filters by kind', async () => {
    expect((await search('Passwort vergessen', 'de'))[0]).toMatchObject({ slug: 'reset-password', title: 'Vergessenes Passwort zurücksetzen' });
    const videos = await search('', 'en', '&kind=video&limit=50');
    expect(videos.length).toBeGreaterThanOrEqual(3);
    expect(videos.every((a) => a.kind === 'video')).toBe(true);
  });
});

describe('every message the app can show has its article', () => {
  const englishErrors = JSON.parse(readFileSync(new URL('../../../shared/locales/en/errors.json', import.meta.url), 'utf8')) as Record<string, string>;
  const codes = [...new Set(Object.keys(englishErrors).map((key) => key.split('.')[1]!))].filter((code) => /^[A-Z_]+$/.test(code));
  for (const language of ['en', 'de'] as const) {
    it(`finds a "what this message means" article for each error code (${language})`, async () => {
      expect(codes.length).toBeGreaterThan(30);
      const missing: string[] = [];
      for (const code of codes) {
        const top = (await search(code, language, '&limit=3')).map((a) => a.slug);
        if (!top.some((slug) => slug.startsWith('error-'))) missing.push(`${code} → ${top.join(', ') || 'nothing'}`);
      }
      expect(missing).toEqual([]);
    });
  }
});

describe('the knowledge base: odd queries', () => {
  const odd = [
    '"password',
    "'; DROP TABLE help_articles; --",
    "' OR 1=1 --",
    'password & | ! <-> :* ()',
    '-',
    '"" or or -- !!',
    '!!!???...',
    '🔒🔑 password 🙂',
    '\u0000',
    '%',
    'a'.repeat(5_000),
    'reset password '.repeat(400),
  ];
  for (const q of odd) {
    it(`answers 200 with a list for ${JSON.stringify(q.slice(0, 40))}${q.length > 40 ? ` (${q.length} characters)` : ''}`, async () => {
      const answer = await get(`/v1/support/articles?q=${encodeURIComponent(q)}`);
      expect(answer.status).toBe(200);
      articleListSchema.parse(answer.body);
    });
  }

  it('still finds the article for a long query that starts with the question (it is cut at 256 characters)', async () => {
    const top = await search(`forgot password ${'x'.repeat(4_980)}`);
    expect(top[0]?.slug).toBe('reset-password');
  });

  it('refuses a bad kind or limit with 400 and the field', async () => {
    const kind = expectError(await get('/v1/support/articles?kind=pdf'), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(kind)).toContain('kind');
    const limit = expectError(await get('/v1/support/articles?limit=500'), 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(limit)).toContain('limit');
  });
});

describe('one article', () => {
  it('answers its Markdown, video fields and related titles in the reader’s language', async () => {
    const answer = await get('/v1/support/articles/video-move-protection', 'de');
    expect(answer.status).toBe(200);
    const article = articleSchema.parse(answer.body);
    expect(article).toMatchObject({ kind: 'video', videoUrl: 'https://videos.palisade.example/de/move-protection', durationSeconds: 150 });
    expect(article.related).toEqual([
      { slug: 'move-to-new-computer', title: 'Umzug auf einen neuen Computer' },
      { slug: 'move-protection', title: 'Schutz auf ein anderes Gerät übertragen' },
    ]);
  });

  it('answers 404 for an unknown slug and 400 for one that cannot be a slug', async () => {
    expectError(await get('/v1/support/articles/no-such-article'), 404, 'NOT_FOUND');
    expectError(await get(`/v1/support/articles/${encodeURIComponent("x' OR '1'='1")}`), 400, 'VALIDATION_FAILED');
  });

  it('records "Was this helpful?", and the most helpful comes first without a query', async () => {
    for (let i = 0; i < 3; i++) {
      expect((await api.post('/v1/support/articles/invoices/feedback', { helpful: true })).status).toBe(204);
    }
    expect((await api.post('/v1/support/articles/languages/feedback', { helpful: false })).status).toBe(204);
    const rows = await service.services.db
      .selectFrom('help_article_feedback' as never)
      .select(['slug' as never, 'helpful' as never])
      .execute();
    expect(rows).toEqual(expect.arrayContaining([{ slug: 'invoices', helpful: true }, { slug: 'languages', helpful: false }]));
    expect((await search(''))[0]?.slug).toBe('invoices');
    expectError(await api.post('/v1/support/articles/no-such-article/feedback', { helpful: true }), 404, 'NOT_FOUND');
    expectError(await api.post('/v1/support/articles/invoices/feedback', { helpful: 'yes' }), 400, 'VALIDATION_FAILED');
  });
});

describe('loading the articles', () => {
  it('has at least 25 articles and 3 videos in each language, with the same slugs', async () => {
    const files = await readArticleFiles();
    const slugs = (language: Language) => files.filter((f) => f.language === language).map((f) => f.slug);
    expect(slugs('en').length).toBeGreaterThanOrEqual(25);
    expect(slugs('de')).toEqual(slugs('en'));
    expect(files.filter((f) => f.language === 'en' && f.kind === 'video').length).toBeGreaterThanOrEqual(3);
  });

  it('rewrites only what changed (content hash) and removes what is gone', async () => {
    const files = await readArticleFiles();
    const db = service.services.db;
    expect(await loadHelpArticles(db, new Date(), files)).toEqual({ changed: 0, removed: 0 });
    const edited = files.map((f) =>
      f.slug === 'languages' && f.language === 'en' ? { ...f, title: 'Change the language (edited)', contentHash: 'edited' } : f,
    );
    expect(await loadHelpArticles(db, new Date(), edited.filter((f) => f.slug !== 'updates'))).toEqual({ changed: 1, removed: 2 });
    expect(((await get('/v1/support/articles/languages')).body as { title: string }).title).toBe('Change the language (edited)');
    expect((await get('/v1/support/articles/updates')).status).toBe(404);
    // Back as the repository has it, for the other tests of this file.
    expect(await loadHelpArticles(db, new Date(), files)).toEqual({ changed: 3, removed: 0 });
  });
});
