/**
 * Where a person's typing mistake in a product key lies, when the evidence says so.
 *
 * A Luhn mod 32 check symbol is 5 bits: it says *that* a key is wrong, never *where*. On
 * its own, each of the 20 positions has exactly one substitution that repairs the sum, so
 * "some substitution fixes group N" is true of every group. We therefore list only the
 * repairs that undo a mistake people actually make, and name a group only when every such
 * repair that makes the check pass lies in that one group:
 *   - a keyboard neighbour (QWERTY or QWERTZ) or a look-alike (S/5, B/8, Z/2, and the
 *     reading confusions of `PRODUCT_KEY_CONFUSABLE_PAIRS`) typed for the right symbol;
 *   - two neighbouring symbols swapped;
 *   - one symbol too many (21) that repeats or neighbours the one beside it — a doubled
 *     key press or a finger that caught the next key.
 * When the real mistake is one of those, it is among the repairs, so a named group is
 * right; when the repairs disagree we say nothing rather than guess. A dropped symbol (19)
 * is never located: inserting the right symbol anywhere repairs the sum, so all 20 places
 * are always candidates. We never suggest a corrected key: even a repair that is unique
 * among these is only the likeliest, and a person copying our guess stops reading the card.
 */

import type { ProductKeyGroup } from './product-key';

const LAYOUTS: readonly (readonly string[])[] = [
  ['1234567890', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'], // QWERTY
  ['1234567890', 'QWERTZUIOP', 'ASDFGHJKL', 'YXCVBNM'], // QWERTZ
];

/**
 * Keys that touch each key on a staggered keyboard: left and right in its row, and the
 * two above and below (a row sits half a key to the right of the one above it).
 */
const keyboardNeighbours: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const map = new Map<string, Set<string>>();
  const link = (a: string | undefined, b: string | undefined) => {
    if (!a || !b || a === b) return;
    map.set(a, (map.get(a) ?? new Set()).add(b));
    map.set(b, (map.get(b) ?? new Set()).add(a));
  };
  for (const rows of LAYOUTS) {
    rows.forEach((row, r) => {
      [...row].forEach((key, c) => {
        link(key, row[c + 1]);
        const below = rows[r + 1];
        if (below) {
          link(key, below[c - 1]);
          link(key, below[c]);
        }
      });
    });
  }
  return map;
})();

const LOOK_ALIKES = 'O0 I1 L1 S5 B8 Z2'.split(' ');

/** Characters a person may have meant when they typed `typed` (upper case), itself excluded. */
export function plausibleIntended(typed: string, readingConfusables: readonly string[]): Set<string> {
  const meant = new Set(keyboardNeighbours.get(typed) ?? []);
  for (const pair of [...LOOK_ALIKES, ...readingConfusables]) {
    const [a, b] = [...pair];
    if (a === typed && b) meant.add(b);
    if (b === typed && a) meant.add(a);
  }
  meant.delete(typed);
  return meant;
}

/** True when `a` and `b` are the same key or keys that touch: a doubled or slipped press. */
export const pressedTogether = (a: string, b: string): boolean =>
  a === b || (keyboardNeighbours.get(a)?.has(b) ?? false);

export interface TypedSymbol {
  /** The character as typed, upper case, after NFKC. */
  char: string;
  /** Its code point in the product-key alphabet. */
  point: number;
}

export interface TypoModel {
  length: number;
  groupLength: number;
  /** Code point of a character, or undefined when it cannot be part of a key. */
  pointOf(char: string): number | undefined;
  hasValidCheck(points: readonly number[]): boolean;
  readingConfusables: readonly string[];
}

/**
 * The one group every plausible repair of `typed` lies in, or undefined when there is no
 * repair or they lie in more than one group. `typed` has a failing check (length 20) or
 * one symbol too many (length 21); any other length gives undefined.
 */
export function locateTypo(typed: readonly TypedSymbol[], model: TypoModel): ProductKeyGroup | undefined {
  const groups = new Set<number>();
  const lastGroup = model.length / model.groupLength;
  // A 21st symbol shows as a group of its own, but the key it belongs to ends in group 4.
  const groupOf = (index: number) => Math.min(Math.floor(index / model.groupLength) + 1, lastGroup);
  const points = typed.map((s) => s.point);

  if (typed.length === model.length) {
    const trial = [...points];
    typed.forEach(({ char, point }, i) => {
      for (const meant of plausibleIntended(char, model.readingConfusables)) {
        const other = model.pointOf(meant);
        if (other === undefined || other === point) continue;
        trial[i] = other;
        if (model.hasValidCheck(trial)) groups.add(groupOf(i));
      }
      trial[i] = point;
    });
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i] ?? 0, points[i + 1] ?? 0];
      if (a === b) continue;
      [trial[i], trial[i + 1]] = [b, a];
      if (model.hasValidCheck(trial)) groups.add(groupOf(i)).add(groupOf(i + 1));
      [trial[i], trial[i + 1]] = [a, b];
    }
  } else if (typed.length === model.length + 1) {
    typed.forEach(({ char }, i) => {
      const slipped = [typed[i - 1], typed[i + 1]].some(
        (next) => next !== undefined && pressedTogether(char, next.char),
      );
      if (!slipped) return;
      // The extra symbol is at i as the person sees the field, so that is where they look.
      if (model.hasValidCheck(points.filter((_, j) => j !== i))) groups.add(groupOf(i));
    });
  } else {
    return undefined;
  }
  return groups.size === 1 ? ([...groups][0] as ProductKeyGroup) : undefined;
}
