/**
 * Product keys (docs/api.md, "Subscriptions and product keys"): 20 symbols of
 * Crockford base32 shown as XXXXX-XXXXX-XXXXX-XXXXX, 19 random symbols (95 bits) and one
 * check symbol by Luhn mod N (N = 32, code point = index in the alphabet).
 *
 * Why Luhn mod 32: doubling is a permutation of 0..31, so every single-symbol
 * substitution changes the sum and is caught; a swap of neighbours a,b goes unnoticed
 * only when a and b are `0` and `Z` (the counterpart of 0↔9 in decimal Luhn), because
 * for those two alone "doubled minus itself" is equal mod 32.
 */
import { locateTypo, type TypedSymbol, type TypoModel } from './product-key-typos';

export const PRODUCT_KEY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PRODUCT_KEY_LENGTH = 20;
export const PRODUCT_KEY_GROUP_LENGTH = 5;
export const PRODUCT_KEY_GROUPS = PRODUCT_KEY_LENGTH / PRODUCT_KEY_GROUP_LENGTH;

const N = PRODUCT_KEY_ALPHABET.length;

export type ProductKeyGroup = 1 | 2 | 3 | 4;

export type ProductKeyCheck =
  | { ok: true; key: string }
  | { ok: false; reason: 'length' | 'characters' | 'checksum'; suspectGroup?: ProductKeyGroup };

/**
 * The code point of every character a person may type for a symbol: either case, and
 * Crockford's forgiving reading of look-alike letters (O is 0, I and L are 1).
 */
const codePoints: ReadonlyMap<string, number> = (() => {
  const map = new Map<string, number>();
  [...PRODUCT_KEY_ALPHABET].forEach((symbol, point) => map.set(symbol, point).set(symbol.toLowerCase(), point));
  for (const [char, point] of Object.entries({ O: 0, I: 1, L: 1 })) map.set(char, point).set(char.toLowerCase(), point);
  return map;
})();

/** Spaces and any kind of dash (people paste keys from PDFs and e-mails). */
const separator = /^[\s\p{Pd}]$/u;

const INVALID = -1;

/**
 * The input's symbols, separators left out, as typed (upper case) and as code points
 * (INVALID for anything that cannot be in a key). NFKC first, so full-width forms from an
 * East Asian input method (`ＡＢＣ１２`) fold to the symbols they show instead of vanishing.
 */
function readSymbols(input: string): TypedSymbol[] {
  const symbols: TypedSymbol[] = [];
  for (const char of input.normalize('NFKC')) {
    const point = codePoints.get(char);
    if (point !== undefined) symbols.push({ char: char.toUpperCase(), point });
    else if (!separator.test(char)) symbols.push({ char, point: INVALID });
  }
  return symbols;
}

const readPoints = (input: string): number[] => readSymbols(input).map((s) => s.point);

const symbolsOf = (points: readonly number[]): string => points.map((p) => PRODUCT_KEY_ALPHABET[p]).join('');

/** Luhn's "double and add the digits" in base 32: a permutation of 0..31. */
const doubled = Array.from({ length: N }, (_, x) => (2 * x >= N ? 2 * x - N + 1 : 2 * x));

/** Luhn mod N sum with the rightmost symbol doubled or not, alternating leftwards. */
function luhnSum(points: readonly number[], rightmostDoubled: boolean): number {
  let sum = 0;
  let double = rightmostDoubled;
  for (let i = points.length - 1; i >= 0; i--) {
    const point = points[i] ?? 0;
    sum += double ? (doubled[point] ?? 0) : point;
    double = !double;
  }
  return sum % N;
}

/** The check symbol sits at weight 1, so a whole key sums to 0. */
const hasValidCheck = (points: readonly number[]): boolean => luhnSum(points, false) === 0;

/** The check symbol for 19 payload symbols (canonical: upper case, no separators). */
export function productKeyCheckSymbol(payload: string): string {
  const points = [...payload].map((char) => PRODUCT_KEY_ALPHABET.indexOf(char));
  if (points.length !== PRODUCT_KEY_LENGTH - 1 || points.includes(INVALID)) {
    throw new RangeError(`A product key payload is ${PRODUCT_KEY_LENGTH - 1} symbols of the product-key alphabet.`);
  }
  // The check symbol will sit at weight 1, so the payload's rightmost symbol is doubled.
  return symbolsOf([(N - luhnSum(points, true)) % N]);
}

/**
 * The 20-symbol canonical key (upper case, no dashes), or null when the input is not 20
 * symbols of the alphabet. Accepts any case, spaces and dashes, O for 0 and I/L for 1.
 * Does not look at the check symbol: see `checkProductKey`.
 */
export function normalizeProductKey(input: string): string | null {
  const points = readPoints(input);
  return points.length === PRODUCT_KEY_LENGTH && !points.includes(INVALID) ? symbolsOf(points) : null;
}

/**
 * As-you-type display: canonical symbols in groups of five joined by dashes, at most 20
 * symbols (the field keeps a 21st, so a doubled key press shows instead of silently
 * pushing the last symbol out). Characters that cannot be part of a key are left out, and no trailing dash is
 * added so that Backspace removes a symbol, not an invisible separator.
 */
export function formatProductKey(partial: string, maxSymbols: number = PRODUCT_KEY_LENGTH): string {
  const symbols = symbolsOf(
    readPoints(partial)
      .filter((p) => p !== INVALID)
      .slice(0, maxSymbols),
  );
  return symbols.match(new RegExp(`.{1,${PRODUCT_KEY_GROUP_LENGTH}}`, 'g'))?.join('-') ?? '';
}

/**
 * Symbols people confuse when reading a key off a card or a screen (after the O/I/L
 * mapping). Used only to locate a typing mistake (product-key-typos.ts).
 */
export const PRODUCT_KEY_CONFUSABLE_PAIRS: readonly string[] =
  '0D 0Q DQ 17 2Z 5S 6G 8B 38 CG EF KX MN MW VW VY PR'.split(' ');
const typoModel: TypoModel = {
  length: PRODUCT_KEY_LENGTH,
  groupLength: PRODUCT_KEY_GROUP_LENGTH,
  pointOf: (char) => codePoints.get(char),
  hasValidCheck: (points) => hasValidCheck(points),
  readingConfusables: PRODUCT_KEY_CONFUSABLE_PAIRS,
};

/** Why a key is not accepted, in the order a person would fix it: characters, length, check. */
export function checkProductKey(input: string): ProductKeyCheck {
  const symbols = readSymbols(input);
  const points = symbols.map((s) => s.point);
  if (points.includes(INVALID)) return { ok: false, reason: 'characters' };
  // Where the mistake is, only when the evidence singles out a group (product-key-typos.ts).
  const located = (reason: 'length' | 'checksum'): ProductKeyCheck => {
    const group = locateTypo(symbols, typoModel);
    return { ok: false, reason, ...(group !== undefined && { suspectGroup: group }) };
  };
  if (points.length !== PRODUCT_KEY_LENGTH) return located('length');
  if (!hasValidCheck(points)) return located('checksum');
  return { ok: true, key: symbolsOf(points) };
}

/** True for an acceptable key with a correct check symbol (cheaper than checkProductKey). */
export function isValidProductKey(input: string): boolean {
  const points = readPoints(input);
  return points.length === PRODUCT_KEY_LENGTH && !points.includes(INVALID) && hasValidCheck(points);
}

const defaultRandomBytes = (n: number): Uint8Array => crypto.getRandomValues(new Uint8Array(n));

/**
 * A new random key, canonical (no dashes). 256 is a multiple of 32, so the low five bits
 * of a uniform byte are a uniform symbol: no modulo bias and no rejection loop.
 */
export function generateProductKey(randomBytes: (n: number) => Uint8Array = defaultRandomBytes): string {
  const bytes = randomBytes(PRODUCT_KEY_LENGTH - 1);
  if (bytes.length < PRODUCT_KEY_LENGTH - 1) throw new RangeError('randomBytes returned too few bytes.');
  const payload = symbolsOf(Array.from(bytes.subarray(0, PRODUCT_KEY_LENGTH - 1), (b) => b & (N - 1)));
  return payload + productKeyCheckSymbol(payload);
}
