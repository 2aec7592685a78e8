import {
  PRODUCT_KEY_GROUP_LENGTH,
  PRODUCT_KEY_LENGTH,
  checkProductKey,
  formatProductKey,
  normalizeProductKey,
} from '../../../../shared/product-key';
import type { ProductKeyProblem } from './product-key-sentences';

/**
 * The field keeps one symbol more than a key has, so a key pressed twice shows as one too
 * many (and where) instead of silently pushing the last symbol out.
 */
const FIELD_SYMBOLS = PRODUCT_KEY_LENGTH + 1;

/** How many key symbols `text` holds (what the field keeps, dashes aside). */
const symbolCount = (text: string): number => formatProductKey(text, FIELD_SYMBOLS).replaceAll('-', '').length;

/** Where the caret goes in a formatted key after `symbols` symbols: past the dash only when a symbol follows it. */
const caretAfter = (symbols: number): number =>
  symbols === 0 ? 0 : symbols + Math.floor((symbols - 1) / PRODUCT_KEY_GROUP_LENGTH);

/**
 * The field's new value after an edit, formatted in groups of five, and where the caret
 * goes: after the same number of key symbols as before the edit, so typing or deleting
 * in the middle of the key keeps the caret where the person was working.
 */
export function reformatKeyInput(raw: string, caret: number | null): { value: string; caret: number } {
  const value = formatProductKey(raw, FIELD_SYMBOLS);
  const before = caret === null ? symbolCount(raw) : symbolCount(raw.slice(0, caret));
  return { value, caret: Math.min(value.length, caretAfter(before)) };
}

/**
 * A key inside pasted text such as "Your key: ABCDE-FGHJK-…" — the words around it would
 * otherwise count as symbols. Null when no 20-symbol run stands out.
 */
export function findPastedKey(pasted: string): string | null {
  // Full-width forms (an East Asian input method, a PDF) are the symbols they show.
  const text = pasted.normalize('NFKC');
  if (normalizeProductKey(text)) return text;
  const run = /[0-9a-z](?:[\s\p{Pd}]*[0-9a-z]){19}(?![0-9a-z])/giu;
  for (const match of text.matchAll(run)) {
    const key = normalizeProductKey(match[0]);
    if (key) return key;
  }
  return null;
}

export const isCompleteKey = (value: string): boolean => symbolCount(value) === PRODUCT_KEY_LENGTH;

/**
 * What is wrong with the key as typed: nothing until all 20 symbols are in, then whether
 * the check symbol fits (or that there is one too many), naming the group that holds the
 * typo only when the evidence singles it out (shared/product-key-typos.ts).
 */
export function keyProblem(value: string): ProductKeyProblem | null {
  const count = symbolCount(value);
  if (count < PRODUCT_KEY_LENGTH) return null;
  const check = checkProductKey(value);
  if (check.ok) return null;
  return count > PRODUCT_KEY_LENGTH ? { ...check, tooMany: true } : check;
}
