import { describe, expect, it } from 'vitest';
import { ifRangeHolds, noneMatch, rangeAsked } from '../../../server/src/releases/byte-ranges';
import { compareVersions } from '../../../server/src/releases/release-version';
import { releaseVersionSchema } from '../../../shared/api/downloads';

describe('the byte range a request asks for', () => {
  it('reads a-b, a- and -n, clamped to the file', () => {
    expect(rangeAsked('bytes=0-9', 100)).toEqual({ kind: 'part', start: 0, end: 9 });
    expect(rangeAsked('bytes=90-', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(rangeAsked('bytes=-10', 100)).toEqual({ kind: 'part', start: 90, end: 99 });
    expect(rangeAsked('bytes=50-500', 100)).toEqual({ kind: 'part', start: 50, end: 99 });
    expect(rangeAsked('bytes=-500', 100)).toEqual({ kind: 'part', start: 0, end: 99 });
  });

  it('is unsatisfiable past the end or for the last 0 bytes', () => {
    for (const header of ['bytes=100-', 'bytes=100-200', 'bytes=-0']) expect(rangeAsked(header, 100), header).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what is not one well-formed byte range, and sends the whole file', () => {
    for (const header of [undefined, '', 'bytes=', 'bytes=-', 'bytes=9-1', 'items=0-1', 'bytes=0-1,5-6', 'bytes=a-b', `bytes=0-${'9'.repeat(30)}x`]) {
      expect(rangeAsked(header, 100), String(header)).toEqual({ kind: 'whole' });
    }
  });

  it('honours If-Range only for this very file, and If-None-Match for its tag', () => {
    const etag = '"abc"';
    expect(ifRangeHolds(undefined, etag, 'date')).toBe(true);
    expect(ifRangeHolds('"abc"', etag, 'date')).toBe(true);
    expect(ifRangeHolds('"other"', etag, 'date')).toBe(false);
    expect(ifRangeHolds('W/"abc"', etag, 'date')).toBe(false);
    expect(ifRangeHolds('date', etag, 'date')).toBe(true);
    expect(ifRangeHolds('another date', etag, 'date')).toBe(false);
    expect(noneMatch('"x", "abc"', etag)).toBe(true);
    expect(noneMatch('W/"abc"', etag)).toBe(true);
    expect(noneMatch('*', etag)).toBe(true);
    expect(noneMatch('"x"', etag)).toBe(false);
    expect(noneMatch(undefined, etag)).toBe(false);
  });
});

describe('release versions', () => {
  it('are semantic versions', () => {
    for (const good of ['1.0.0', '0.0.1', '10.20.30', '1.0.0-beta.2', '1.0.0+build.5']) expect(releaseVersionSchema.safeParse(good).success, good).toBe(true);
    for (const bad of ['1.0', 'v1.0.0', '01.0.0', '1.0.0.0', '1.0.0-', '', ' 1.0.0']) expect(releaseVersionSchema.safeParse(bad).success, bad).toBe(false);
  });

  it('order by number, a pre-release before its release', () => {
    const sorted = ['1.10.0', '1.2.0', '1.2.0-rc.1', '1.2.0-beta.11', '1.2.0-beta.2', '0.9.9', '2.0.0-alpha'].sort(compareVersions);
    expect(sorted).toEqual(['0.9.9', '1.2.0-beta.2', '1.2.0-beta.11', '1.2.0-rc.1', '1.2.0', '1.10.0', '2.0.0-alpha']);
    expect(compareVersions('1.0.0+a', '1.0.0+b')).toBe(0);
  });
});
