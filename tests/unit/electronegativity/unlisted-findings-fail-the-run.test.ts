import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { allowListPath, type Finding, parseAllowList, triage } from '../../../scripts/electronegativity.mjs';

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  check: 'OPEN_EXTERNAL_JS_CHECK',
  file: 'electron/main/web-hardening.ts',
  line: 52,
  column: 41,
  code: 'if (isVettedExternalUrl(url)) void shell.openExternal(url);',
  severity: 'MEDIUM',
  description: 'Review the use of openExternal',
  ...overrides,
});

const reason = 'Only URLs isVettedExternalUrl accepts reach the system browser.';
const allowList = (entries: object[]) => JSON.stringify({ allowed: entries });
const entryFor = (f: Finding) => ({ check: f.check, file: f.file, code: f.code, reason });

describe('Electronegativity triage', () => {
  it('fails a finding the allow-list does not name', () => {
    const { unlisted, allowed } = triage([finding()], parseAllowList(allowList([])));
    expect(unlisted).toEqual([finding()]);
    expect(allowed).toEqual([]);
  });

  it('passes a listed finding, with its reason, wherever the line moved and however it is indented', () => {
    const list = parseAllowList(allowList([entryFor(finding())]));
    const moved = finding({ line: 60, code: '  if (isVettedExternalUrl(url))\n      void shell.openExternal(url);' });
    const { unlisted, allowed, stale } = triage([moved], list);
    expect(unlisted).toEqual([]);
    expect(allowed).toEqual([{ finding: moved, reason }]);
    expect(stale).toEqual([]);
  });

  it('fails the same check in the same file when the code it points at changed', () => {
    const list = parseAllowList(allowList([entryFor(finding())]));
    const changed = finding({ code: 'void shell.openExternal(url);' });
    const { unlisted, stale } = triage([changed], list);
    expect(unlisted).toEqual([changed]);
    expect(stale).toHaveLength(1);
  });

  it('reports an entry that matches no finding any more as stale', () => {
    const list = parseAllowList(allowList([entryFor(finding()), entryFor(finding({ check: 'PRELOAD_JS_CHECK', code: 'preload,' }))]));
    const { stale } = triage([finding()], list);
    expect(stale.map((entry) => entry.check)).toEqual(['PRELOAD_JS_CHECK']);
  });

  it.each([
    ['a wildcard check', { check: '*', file: 'electron/main/index.ts', reason }],
    ['a wildcard file', { check: 'PRELOAD_JS_CHECK', file: 'electron/**', reason }],
    ['a whole folder', { check: 'PRELOAD_JS_CHECK', file: 'electron/main/', reason }],
    ['a finding without a file', { check: 'LIMIT_NAVIGATION_GLOBAL_CHECK', file: 'N/A', reason }],
    ['no reason', { check: 'PRELOAD_JS_CHECK', file: 'electron/main/main-window.ts' }],
    ['a reason nobody could review', { check: 'PRELOAD_JS_CHECK', file: 'electron/main/main-window.ts', reason: 'fine' }],
  ])('refuses an allow-list entry with %s', (_what, entry) => {
    expect(() => parseAllowList(allowList([entry]))).toThrow();
  });

  it('refuses the same entry twice', () => {
    expect(() => parseAllowList(allowList([entryFor(finding()), entryFor(finding())]))).toThrow(/repeats/);
  });

  it("reads the repository's own allow-list", async () => {
    const entries = parseAllowList(await readFile(allowListPath, 'utf8'));
    expect(entries.length).toBeGreaterThan(0);
  });
});
