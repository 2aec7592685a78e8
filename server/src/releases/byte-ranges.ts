/** What a `Range` header asks of a file of `size` bytes (RFC 9110 §14). */
export type RangeAsked =
  | { kind: 'whole' }
  | { kind: 'part'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * One `bytes=a-b`, `bytes=a-` or `bytes=-n` range, `end` inclusive and clamped to the
 * file. A header that is not one well-formed byte range (several ranges, another unit,
 * a > b) is ignored and the whole file is sent, as the RFC allows; a well-formed one that
 * starts past the end, or asks for the last 0 bytes, is unsatisfiable.
 */
export function rangeAsked(header: string | undefined, size: number): RangeAsked {
  if (header === undefined) return { kind: 'whole' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  // An explicit last byte before the first makes the range invalid, not unsatisfiable.
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  const end = last === '' ? size - 1 : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end: Math.min(end, size - 1) };
}

/** Whether an `If-None-Match` list names `etag` (weak comparison, as §13.1.2 says). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/**
 * Whether a range may be honoured under `If-Range` (§13.1.5): only when the client's
 * validator is this very file, the strong ETag or the exact Last-Modified date; otherwise
 * the file changed and the whole of the new one is sent.
 */
export function ifRangeHolds(header: string | undefined, etag: string, lastModified: string): boolean {
  if (header === undefined) return true;
  const value = header.trim();
  if (value.startsWith('"') || value.startsWith('W/')) return value === etag;
  return value === lastModified;
}
