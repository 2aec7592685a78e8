import { CARD_NUMBER_MAX_DIGITS, CARD_NUMBER_MIN_DIGITS, type cardBrands, passesLuhn } from './payment-card';

/**
 * What can be known about a card while it is typed: its brand from the first digits, the
 * Luhn check, the expiry and the CVC's length. The app checks these before sending, so an
 * obvious mistake never leaves the computer; the payment provider has the last word.
 */

export type CardBrand = (typeof cardBrands)[number];

interface BrandRule {
  brand: CardBrand;
  /** Prefix ranges, inclusive, compared on as many leading digits as the bounds have. */
  ranges: readonly (readonly [number, number])[];
  lengths: readonly number[];
  cvcLength: number;
}

// Most specific first: Maestro and UnionPay overlap broader ranges, so they come after.
const brandRules: readonly BrandRule[] = [
  { brand: 'amex', ranges: [[34, 34], [37, 37]], lengths: [15], cvcLength: 4 },
  { brand: 'diners', ranges: [[300, 305], [36, 36], [38, 39]], lengths: [14, 16, 19], cvcLength: 3 },
  { brand: 'jcb', ranges: [[3528, 3589]], lengths: [16, 17, 18, 19], cvcLength: 3 },
  {
    brand: 'discover',
    ranges: [[6011, 6011], [644, 649], [65, 65]],
    lengths: [16, 17, 18, 19],
    cvcLength: 3,
  },
  { brand: 'mastercard', ranges: [[51, 55], [2221, 2720]], lengths: [16], cvcLength: 3 },
  { brand: 'unionpay', ranges: [[62, 62]], lengths: [16, 17, 18, 19], cvcLength: 3 },
  { brand: 'maestro', ranges: [[50, 50], [56, 58], [6304, 6304], [67, 67]], lengths: [12, 13, 14, 15, 16, 17, 18, 19], cvcLength: 3 },
  { brand: 'visa', ranges: [[4, 4]], lengths: [13, 16, 19], cvcLength: 3 },
];

const MAX_DIGITS = CARD_NUMBER_MAX_DIGITS;

/** The digits of a card number as typed or pasted: spaces and dashes dropped; null when anything else is in it. */
export function cardDigits(typed: string): string | null {
  const compact = typed.replace(/[\s-]/g, '');
  return /^\d*$/.test(compact) ? compact : null;
}

function matches(digits: string, [low, high]: readonly [number, number]): boolean {
  const width = String(low).length;
  if (digits.length < width) {
    // Too few digits to decide: a match when some completion of what is typed falls in the range.
    const prefix = Number(digits);
    const scale = 10 ** (width - digits.length);
    return prefix * scale <= high && (prefix + 1) * scale - 1 >= low;
  }
  const head = Number(digits.slice(0, width));
  return head >= low && head <= high;
}

function ruleFor(digits: string): BrandRule | undefined {
  if (digits.length === 0) return undefined;
  const candidates = brandRules.filter((rule) => rule.ranges.some((range) => matches(digits, range)));
  // While it could still be several brands (a lone "3"), say none rather than guess.
  return candidates.length === 1 || digits.length >= 4 ? candidates[0] : undefined;
}

/** The brand the first digits name, as soon as they name only one; null while unknown. */
export function detectCardBrand(typed: string): CardBrand | null {
  const digits = cardDigits(typed);
  return digits === null ? null : (ruleFor(digits)?.brand ?? null);
}

export type CardNumberProblem = 'missing' | 'characters' | 'length' | 'checksum';

/** Why a typed card number cannot be right, or null when it may be. */
export function cardNumberProblem(typed: string): CardNumberProblem | null {
  const digits = cardDigits(typed);
  if (digits === null) return 'characters';
  if (digits.length === 0) return 'missing';
  const lengths = ruleFor(digits)?.lengths;
  if (digits.length < CARD_NUMBER_MIN_DIGITS || digits.length > MAX_DIGITS || (lengths && !lengths.includes(digits.length))) return 'length';
  return passesLuhn(digits) ? null : 'checksum';
}

/** Groups of four as people write them (American Express: 4-6-5). */
export function formatCardNumber(typed: string): string {
  const digits = (cardDigits(typed) ?? typed.replace(/\D/g, '')).slice(0, MAX_DIGITS);
  const groups = detectCardBrand(digits) === 'amex' ? [4, 6, 5] : [4, 4, 4, 4, 3];
  const out: string[] = [];
  let at = 0;
  for (const size of groups) {
    if (at >= digits.length) break;
    out.push(digits.slice(at, at + size));
    at += size;
  }
  return out.join(' ');
}

export interface CardExpiry {
  month: number;
  /** Four digits. */
  year: number;
}

/** "MM/YY", "MM / YYYY", "0327": the month and the four-digit year, or null when it is not an expiry. */
export function parseExpiry(typed: string): CardExpiry | null {
  const match = /^\s*(\d{1,2})\s*[/\-.\s]?\s*(\d{2}|\d{4})\s*$/.exec(typed);
  if (!match) return null;
  const month = Number(match[1]);
  const yearText = match[2]!;
  const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
  if (month < 1 || month > 12) return null;
  return { month, year };
}

export type ExpiryProblem = 'missing' | 'format' | 'expired' | 'tooFar';

/** Cards are good to the end of their expiry month; more than 20 years ahead is a typing mistake. */
export function expiryProblem(typed: string, now: Date): ExpiryProblem | null {
  if (typed.trim() === '') return 'missing';
  const expiry = parseExpiry(typed);
  if (!expiry) return 'format';
  return expiryDateProblem(expiry, now);
}

export function expiryDateProblem({ month, year }: CardExpiry, now: Date): Exclude<ExpiryProblem, 'missing' | 'format'> | null {
  const current = now.getUTCFullYear() * 12 + now.getUTCMonth();
  const given = year * 12 + (month - 1);
  if (given < current) return 'expired';
  if (given > current + 20 * 12) return 'tooFar';
  return null;
}

export type CvcProblem = 'missing' | 'length';

/** Three digits, four for American Express. */
export function cvcProblem(typed: string, brand: CardBrand | null): CvcProblem | null {
  const cvc = typed.trim();
  if (cvc === '') return 'missing';
  const expected = brand ? brandRules.find((rule) => rule.brand === brand)!.cvcLength : undefined;
  if (!/^\d+$/.test(cvc)) return 'length';
  if (expected !== undefined ? cvc.length !== expected : cvc.length < 3 || cvc.length > 4) return 'length';
  return null;
}

/** The CVC's length for a brand (3 when unknown). */
export function cvcLength(brand: CardBrand | null): number {
  return brand ? brandRules.find((rule) => rule.brand === brand)!.cvcLength : 3;
}
