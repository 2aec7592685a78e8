import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { articleKindSchema, articleSlugSchema, type ArticleKind } from '../../../../shared/api/support-articles';
import { type Language, languages } from '../../../../shared/i18n/languages';

/** content/help/<language>/<slug>.md in the repository. */
export const helpContentDir = fileURLToPath(new URL('../../../../content/help/', import.meta.url));

export interface ArticleFile {
  language: Language;
  slug: string;
  kind: ArticleKind;
  title: string;
  summary: string;
  /** Markdown, as written. */
  body: string;
  /** The body without Markdown: what is searched and what snippets are cut from. */
  plainBody: string;
  videoUrl?: string;
  durationSeconds?: number;
  related: string[];
  /** sha256 of the file: the database copy is replaced only when it changes. */
  contentHash: string;
}

/**
 * The front matter is `key: value` lines between `---` lines (a value may be in double
 * quotes); a small reader of that subset rather than a YAML dependency. A bad file stops the
 * start with its name: articles are part of the product, and a broken one is a bug.
 */
export function parseArticleFile(language: Language, fileName: string, text: string): ArticleFile {
  const fail = (why: string): never => {
    throw new Error(`content/help/${language}/${fileName}: ${why}`);
  };
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) return fail('expected front matter between --- lines');
  const fields = new Map<string, string>();
  for (const line of match[1]!.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const field = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    if (!field) return fail(`unreadable front matter line "${line}"`);
    const raw = field[2]!.trim();
    fields.set(field[1]!, raw.startsWith('"') && raw.endsWith('"') && raw.length > 1 ? raw.slice(1, -1) : raw);
  }
  const required = (key: string) => fields.get(key) || fail(`front matter needs ${key}`);
  const slug = required('slug');
  if (!articleSlugSchema.safeParse(slug).success || `${slug}.md` !== fileName) fail('slug must be the file name');
  const kind = articleKindSchema.safeParse(required('kind'));
  if (!kind.success) return fail('kind must be article or video');
  const body = match[2]!.trim();
  const article: ArticleFile = {
    language,
    slug,
    kind: kind.data,
    title: required('title'),
    summary: required('summary'),
    body,
    plainBody: markdownToPlainText(body),
    related: (fields.get('related') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    contentHash: createHash('sha256').update(text).digest('hex'),
  };
  if (kind.data === 'video') {
    const url = required('videoUrl');
    if (!/^https:\/\/[^\s]+$/.test(url)) fail('videoUrl must be an https URL');
    const seconds = Number(required('durationSeconds'));
    if (!Number.isInteger(seconds) || seconds <= 0) fail('durationSeconds must be a positive whole number');
    article.videoUrl = url;
    article.durationSeconds = seconds;
  }
  return article;
}

/** Markdown's marks taken out (headings, list marks, emphasis, code, links keep their text). */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every article of every language; each language must have the same slugs. */
export async function readArticleFiles(dir = helpContentDir): Promise<ArticleFile[]> {
  const all: ArticleFile[] = [];
  for (const language of languages) {
    const names = (await readdir(join(dir, language))).filter((name) => name.endsWith('.md')).sort();
    for (const name of names) all.push(parseArticleFile(language, name, await readFile(join(dir, language, name), 'utf8')));
  }
  return all;
}
