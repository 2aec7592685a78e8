import { describe, expect, it } from 'vitest';
import { markdownToPlainText, parseArticleFile } from '../../../server/src/support/knowledge-base/article-files';

const file = (front: string, body = 'Body.') => `---\n${front}\n---\n${body}\n`;

describe('reading a help article file', () => {
  it('reads the front matter, quoted values, related slugs and a video’s fields', () => {
    const article = parseArticleFile(
      'en',
      'intro.md',
      file('slug: intro\ntitle: "Video: intro"\nsummary: S\nkind: video\nvideoUrl: https://v.example/1\ndurationSeconds: 61\nrelated: a, b'),
    );
    expect(article).toMatchObject({ slug: 'intro', title: 'Video: intro', kind: 'video', videoUrl: 'https://v.example/1', durationSeconds: 61, related: ['a', 'b'] });
    expect(article.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses, naming the file, a slug that is not the file name, a missing field, a bad kind and a video without an https URL', () => {
    expect(() => parseArticleFile('de', 'x.md', file('slug: y\ntitle: T\nsummary: S\nkind: article'))).toThrow('content/help/de/x.md: slug must be the file name');
    expect(() => parseArticleFile('en', 'x.md', file('slug: x\ntitle: T\nkind: article'))).toThrow('needs summary');
    expect(() => parseArticleFile('en', 'x.md', file('slug: x\ntitle: T\nsummary: S\nkind: pdf'))).toThrow('kind');
    expect(() => parseArticleFile('en', 'x.md', file('slug: x\ntitle: T\nsummary: S\nkind: video\nvideoUrl: http://v.example\ndurationSeconds: 5'))).toThrow('https');
    expect(() => parseArticleFile('en', 'x.md', 'no front matter')).toThrow('front matter');
  });

  it('takes the Markdown marks out of the searched text', () => {
    expect(markdownToPlainText('## Steps\n\n1. Open **Settings** › *Security*\n- a [link](https://x.example) and `code`')).toBe(
      'Steps Open Settings › Security a link and code',
    );
  });
});
