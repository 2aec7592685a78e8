import { describe, expect, it } from 'vitest';
import { checkProductKey, formatProductKey, generateProductKey } from '../../../shared/product-key';

/**
 * The "check group N" hint, measured on the mistakes people make typing a key off a card:
 * a keyboard neighbour (QWERTY or QWERTZ), a look-alike, one dropped or one doubled
 * character. Seeded, so a failure names a reproducible typo.
 */

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(20261202);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));

/** The test's own keyboards, so it does not grade the codec with the codec's table. */
const layouts = {
  qwerty: ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'],
  qwertz: ['1234567890', 'QWERTZUIOP', 'ASDFGHJKL', 'YXCVBNM'],
};
function neighbours(rows: readonly string[], key: string): string[] {
  const r = rows.findIndex((row) => row.includes(key));
  const c = rows[r]!.indexOf(key);
  const around = [
    rows[r]![c - 1],
    rows[r]![c + 1],
    rows[r - 1]?.[c],
    rows[r - 1]?.[c + 1],
    rows[r + 1]?.[c - 1],
    rows[r + 1]?.[c],
  ];
  return around.filter((k): k is string => k !== undefined);
}
const lookAlikes: Record<string, string> = { '0': 'O', '1': 'I', S: '5', '5': 'S', B: '8', '8': 'B', Z: '2', '2': 'Z' };

type Kind = 'qwerty' | 'qwertz' | 'look-alike' | 'dropped' | 'doubled';
interface Typo {
  kind: Kind;
  typed: string;
  /** The groups (1–4, as the field shows what was typed) where the mistake is. */
  groups: number[];
}
const groupAt = (index: number) => Math.min(Math.floor(index / 5) + 1, 4);

function makeTypo(key: string, kind: Kind): Typo | null {
  const i = Math.floor(random() * key.length);
  const char = key[i]!;
  const at = (typed: string, ...groups: number[]): Typo => ({ kind, typed, groups });
  switch (kind) {
    case 'qwerty':
    case 'qwertz':
      return at(key.slice(0, i) + pick(neighbours(layouts[kind], char)) + key.slice(i + 1), groupAt(i));
    case 'look-alike': {
      const other = lookAlikes[char];
      return other ? at(key.slice(0, i) + other + key.slice(i + 1), groupAt(i)) : null;
    }
    case 'dropped':
      return at(key.slice(0, i) + key.slice(i + 1), groupAt(i));
    case 'doubled':
      return at(key.slice(0, i + 1) + char + key.slice(i + 1), groupAt(i), groupAt(i + 1));
  }
}

const kinds: Kind[] = ['qwerty', 'qwertz', 'look-alike', 'dropped', 'doubled'];
const TYPOS = 1000;
const typos: Typo[] = [];
let absorbed = 0;
while (typos.length < TYPOS) {
  const key = generateProductKey(bytes);
  const typo = makeTypo(key, pick(kinds));
  if (!typo) continue;
  // O for 0 and I for 1 are read as meant: no mistake left to locate.
  const read = checkProductKey(typo.typed);
  if (read.ok && read.key === key) absorbed++;
  else typos.push(typo);
}

describe(`the "check group" hint on ${TYPOS} simulated typos`, () => {
  it('is right at least 95 % of the times it names a group', () => {
    const byKind = new Map<Kind, { total: number; named: number; right: number }>();
    const wrong: string[] = [];
    for (const typo of typos) {
      const result = checkProductKey(typo.typed);
      const tally = byKind.get(typo.kind) ?? { total: 0, named: 0, right: 0 };
      byKind.set(typo.kind, tally);
      tally.total++;
      if (result.ok || result.suspectGroup === undefined) continue;
      tally.named++;
      if (typo.groups.includes(result.suspectGroup)) tally.right++;
      else
        wrong.push(
          `${formatProductKey(typo.typed, 21)} (${typo.kind}): said ${result.suspectGroup}, was ${typo.groups.join('/')}`,
        );
    }
    const total = [...byKind.values()].reduce(
      (sum, t) => ({ named: sum.named + t.named, right: sum.right + t.right }),
      { named: 0, right: 0 },
    );
    const precision = total.named === 0 ? 1 : total.right / total.named;
    const lines = [...byKind].map(
      ([kind, t]) =>
        `  ${kind.padEnd(10)} ${t.total} typos, group named ${((100 * t.named) / t.total).toFixed(1)} %, right ${t.right}/${t.named}`,
    );
    console.log(
      [
        `"check group" hint: precision ${(100 * precision).toFixed(1)} %, a group named for ${((100 * total.named) / TYPOS).toFixed(1)} % of ${TYPOS} typos (${absorbed} more were O/I look-alikes read as meant)`,
        ...lines,
      ].join('\n'),
    );
    expect(precision, wrong.slice(0, 10).join('\n')).toBeGreaterThanOrEqual(0.95);
    // A hint that never speaks is right vacuously; it must still help with some typos.
    expect(total.named).toBeGreaterThan(TYPOS / 20);
  });

  it('never names a group for a dropped character: inserting a symbol anywhere repairs the sum', () => {
    for (const typo of typos.filter((t) => t.kind === 'dropped')) {
      expect(checkProductKey(typo.typed)).toEqual({ ok: false, reason: 'length' });
    }
  });
});

describe('full-width characters', () => {
  const key = generateProductKey(bytes);
  const fullWidth = [...formatProductKey(key)].map((c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0)).join('');

  it('are folded to the symbols they show (NFKC), not dropped', () => {
    expect(fullWidth).not.toBe(formatProductKey(key));
    expect(checkProductKey(fullWidth)).toEqual({ ok: true, key });
    expect(formatProductKey(fullWidth.toLowerCase())).toBe(formatProductKey(key));
    expect(checkProductKey(`${fullWidth.slice(0, 11)}\u3000${fullWidth.slice(12)}`)).toEqual({ ok: true, key });
  });
});
