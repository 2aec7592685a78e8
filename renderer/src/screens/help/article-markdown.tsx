import { Fragment, type ReactNode } from 'react';

/**
 * The Markdown subset of content/help, rendered to React elements: headings (##, ###),
 * paragraphs, ordered and unordered lists, **strong**, *emphasis*, `code` and
 * [links](https://…). Text is only ever text — an HTML tag in an article shows as its
 * characters — and a link's target is handed to `onLink` (the vetted external-link path),
 * and only when it is https.
 */
export function renderArticleMarkdown(markdown: string, onLink: (url: string) => void): ReactNode[] {
  const blocks: ReactNode[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const heading = /^(#{2,4})\s+(.*)$/.exec(line);
    if (heading) {
      // The article's title is the page's h2, so its ## are h3.
      const level = Math.min(heading[1]!.length + 1, 6);
      const Tag = `h${level}` as 'h3';
      blocks.push(<Tag key={blocks.length}>{inline(heading[2]!, onLink)}</Tag>);
      i += 1;
      continue;
    }
    const ordered = /^\s*\d+\.\s+/.test(line);
    if (ordered || /^\s*[-*+]\s+/.test(line)) {
      const marker = ordered ? /^\s*\d+\.\s+/ : /^\s*[-*+]\s+/;
      const items: string[] = [];
      while (i < lines.length && marker.test(lines[i]!)) {
        items.push(lines[i]!.replace(marker, ''));
        i += 1;
      }
      const List = ordered ? 'ol' : 'ul';
      blocks.push(
        <List key={blocks.length}>
          {items.map((item, n) => (
            <li key={n}>{inline(item, onLink)}</li>
          ))}
        </List>,
      );
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && !/^(#{2,4}\s|\s*[-*+]\s|\s*\d+\.\s)/.test(lines[i]!)) {
      paragraph.push(lines[i]!.trim());
      i += 1;
    }
    blocks.push(<p key={blocks.length}>{inline(paragraph.join(' '), onLink)}</p>);
  }
  return blocks;
}

const inlinePattern = /\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;

function inline(text: string, onLink: (url: string) => void): ReactNode[] {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    const key = parts.length;
    if (match[1] !== undefined) parts.push(<strong key={key}>{match[1]}</strong>);
    else if (match[2] !== undefined) parts.push(<em key={key}>{match[2]}</em>);
    else if (match[3] !== undefined) parts.push(<code key={key}>{match[3]}</code>);
    else {
      const label = match[4]!;
      const url = match[5]!;
      parts.push(
        /^https:\/\//.test(url) ? (
          <a
            key={key}
            href={url}
            onClick={(event) => {
              event.preventDefault();
              onLink(url);
            }}
          >
            {label}
          </a>
        ) : (
          <Fragment key={key}>{label}</Fragment>
        ),
      );
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** A snippet's parts: the service marks matched words between U+E000 and U+E001. */
export function snippetParts(snippet: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  snippet.split('\uE000').forEach((piece, index) => {
    if (index === 0) {
      if (piece) parts.push({ text: piece.replace(/\uE001/g, ''), marked: false });
      return;
    }
    const end = piece.indexOf('\uE001');
    const marked = end === -1 ? piece : piece.slice(0, end);
    const rest = end === -1 ? '' : piece.slice(end + 1).replace(/\uE001/g, '');
    if (marked) parts.push({ text: marked, marked: true });
    if (rest) parts.push({ text: rest, marked: false });
  });
  return parts;
}
