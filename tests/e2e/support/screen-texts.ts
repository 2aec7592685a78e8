import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** The in-page collector, evaluated as it is (it needs the DOM, which the Node type check lacks). */
const collector = readFileSync(new URL('./screen-texts.page.js', import.meta.url), 'utf8');

export interface ScreenText {
  text: string;
  where: string;
}
export interface ClippedText extends ScreenText {
  why: string;
}

/** Everything a person can read on the page now (text, and names given by aria-label, title, placeholder, alt), and what is clipped. */
export async function readScreen(page: Page): Promise<{ texts: ScreenText[]; clipped: ClippedText[] }> {
  return page.evaluate(collector) as Promise<{ texts: ScreenText[]; clipped: ClippedText[] }>;
}

/**
 * Text that may contain ASCII letters without coming from a catalogue: data the test put
 * there (exact strings), and shapes no catalogue could hold (URLs, version numbers, codes).
 */
export class AllowedData {
  private readonly exact = new Set<string>();
  private readonly shapes: { why: string; pattern: RegExp }[] = [
    { why: 'a URL', pattern: /\bhttps?:\/\/\S+/g },
    { why: 'a version number', pattern: /\bv?\d+(\.\d+){1,3}(-[0-9A-Za-z.]+)?\b/g },
  ];

  /** Strings the test itself typed or created: e-mail address, names, product keys. */
  add(...values: string[]): this {
    for (const value of values) if (value.trim()) this.exact.add(value.trim());
    return this;
  }

  /** A kind of data, e.g. the one-way hashes "what this computer shares" lists. */
  shape(why: string, pattern: RegExp): this {
    this.shapes.push({
      why,
      pattern: new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
    });
    return this;
  }

  /** What is left of a text once the allowed data is taken out. */
  strip(text: string): string {
    let rest = text;
    // Whole words only, so a short host name cannot hide English that merely contains it.
    for (const value of [...this.exact].sort((a, b) => b.length - a.length)) {
      rest = rest.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(value)}(?![\\p{L}\\p{N}])`, 'gu'), ' ');
    }
    for (const { pattern } of this.shapes) rest = rest.replace(pattern, ' ');
    return rest;
  }
}

/**
 * Dates and times as `Intl` writes them in English ("Dec 1, 2026, 20:46", "December 1, 2026 at
 * 20:46", "3 minutes ago"): the pseudo-locale is English underneath, so its month names are
 * locale data, not copy. Only whole dates and times match, never a month name on its own.
 */
export function englishDatesAndTimes(): RegExp {
  const months = new Set<string>();
  const weekdays = new Set<string>();
  for (let month = 0; month < 12; month++) {
    const date = new Date(Date.UTC(2026, month, 15));
    for (const style of ['long', 'short'] as const)
      months.add(new Intl.DateTimeFormat('en', { month: style }).format(date));
  }
  for (let day = 0; day < 7; day++) {
    const date = new Date(Date.UTC(2026, 0, 4 + day));
    for (const style of ['long', 'short'] as const)
      weekdays.add(new Intl.DateTimeFormat('en', { weekday: style }).format(date));
  }
  const weekday = `(?:(?:${[...weekdays].join('|')}),? )?`;
  const time = `\\d{1,2}:\\d{2}(?::\\d{2})?(?: ?[AP]M)?`;
  const date = `${weekday}(?:(?:${[...months].join('|')}) \\d{1,2}(?:, \\d{4})?|\\d{1,2} (?:${[...months].join('|')})(?: \\d{4})?)`;
  const relative = `(?:in )?\\d+ (?:second|minute|hour|day|week|month|year)s?(?: ago)?`;
  return new RegExp(`\\b(?:${date}(?:(?:,| at) ${time})?|${time}|${relative})\\b`, 'g');
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Any ASCII letter left over is English (or a key) that did not come through the pseudo-locale's catalogue. */
const asciiLetter = /[A-Za-z]/;

interface ScreenReport {
  screen: string;
  checked: number;
  bypassing: ScreenText[];
  clipped: ClippedText[];
}

/**
 * A walk through the app in the pseudo-locale: `check(screen)` reads the screen as it is and
 * records, softly (the walk goes on), texts that bypass the catalogues and texts that are
 * clipped. `summary()` says how many texts each screen had.
 */
export class PseudoLocaleWalk {
  private readonly reports: ScreenReport[] = [];

  constructor(
    private readonly page: Page,
    readonly allowed: AllowedData,
  ) {}

  /** Reads the screen now shown (on another computer's page, when given). */
  async check(screen: string, page: Page = this.page): Promise<void> {
    // Let whatever the screen was loading arrive, and no transition be half-way.
    await expect(page.locator('.spinner:visible, [aria-busy="true"]:visible')).toHaveCount(0);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
    const { texts, clipped } = await readScreen(page);
    const unique = dedupe(texts);
    const bypassing = unique.filter(({ text }) => asciiLetter.test(this.allowed.strip(text)));
    const clippedUnique = dedupe(clipped);
    this.reports.push({ screen, checked: unique.length, bypassing, clipped: clippedUnique });
    expect.soft(bypassing.map(format), `texts on "${screen}" that did not come from a catalogue`).toEqual([]);
    const clippedLines = clippedUnique.map((c) => `${format(c)} — ${c.why}`);
    expect.soft(clippedLines, `clipped texts on "${screen}"`).toEqual([]);
  }

  /** A screen the walk could not get to: a failure of its own, and the walk goes on. */
  missed(screen: string, error: unknown): void {
    // The first line and the locator it waited for are enough to find the step.
    const escape = String.fromCharCode(27);
    const text = error instanceof Error ? error.message : String(error);
    const lines = text
      .split(escape)
      .join('')
      .replace(/\[[0-9;]*m/g, '')
      .split('\n');
    const wanted = /^\s*(-\s+)?(Locator|Expected|Received|waiting for)\b/;
    const message = [lines[0], ...lines.filter((line) => wanted.test(line))].join(' ');
    this.reports.push({ screen: `${screen} (not reached)`, checked: 0, bypassing: [], clipped: [] });
    expect.soft(message, `the walk could not reach "${screen}"`).toBe('');
  }

  /** Every finding so far, by screen. */
  findings(): readonly ScreenReport[] {
    return this.reports;
  }

  summary(): string {
    const width = Math.max(...this.reports.map((r) => r.screen.length), 6);
    const lines = this.reports.map(
      (r) =>
        `${r.screen.padEnd(width)}  ${String(r.checked).padStart(4)} checked  ${String(r.bypassing.length).padStart(3)} not from a catalogue  ${String(r.clipped.length).padStart(3)} clipped`,
    );
    const total = this.reports.reduce((sum, r) => sum + r.checked, 0);
    return [
      ...lines,
      `${'all'.padEnd(width)}  ${String(total).padStart(4)} checked on ${this.reports.length} screens`,
    ].join('\n');
  }

  /** Prints the summary, and keeps every finding in the test's output folder (attached to the report too). */
  async finish(testInfo: TestInfo): Promise<void> {
    console.log(`Pseudo-locale walk:\n${this.summary()}`);
    const path = testInfo.outputPath('pseudo-locale-walk.json');
    await writeFile(path, JSON.stringify(this.reports, null, 2));
    await testInfo.attach('pseudo-locale-walk.json', { path, contentType: 'application/json' });
  }
}

const format = ({ text, where }: ScreenText) => `"${text}" (${where})`;

function dedupe<T extends ScreenText>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = `${item.text}\0${item.where}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
