import { describe, expect, it } from 'vitest';
import {
  PRODUCT_KEY_ALPHABET,
  PRODUCT_KEY_CONFUSABLE_PAIRS,
  checkProductKey,
  formatProductKey,
  generateProductKey,
  isValidProductKey,
  normalizeProductKey,
  productKeyCheckSymbol,
} from '../../../shared/product-key';

/** A seeded byte source (mulberry32) so a failure names a reproducible key. */
function seededBytes(seed: number): (n: number) => Uint8Array {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) & 0xff;
  };
  return (n) => Uint8Array.from({ length: n }, next);
}

const KEYS = 10_000;
const keys = (() => {
  const bytes = seededBytes(20240601);
  return Array.from({ length: KEYS }, () => generateProductKey(bytes));
})();

const group = (index: number) => Math.floor(index / 5) + 1;

describe('check symbol (Luhn mod 32)', () => {
  it('matches hand-computed vectors', () => {
    // '1' doubled is 2, so the check symbol is 32 - 2 = 30 = 'Y'.
    expect(productKeyCheckSymbol('0'.repeat(18) + '1')).toBe('Y');
    // 'Z' = 31 doubled is 62 = 1·32 + 30 → 1 + 30 = 31, so the check is 1.
    expect(productKeyCheckSymbol('0'.repeat(18) + 'Z')).toBe('1');
    // The second symbol from the right of the payload is not doubled: 1 → check 31 = 'Z'.
    expect(productKeyCheckSymbol('0'.repeat(17) + '10')).toBe('Z');
    expect(productKeyCheckSymbol('0'.repeat(19))).toBe('0');
  });

  it('refuses a payload of the wrong size or alphabet', () => {
    expect(() => productKeyCheckSymbol('0'.repeat(18))).toThrow(RangeError);
    expect(() => productKeyCheckSymbol('0'.repeat(18) + 'U')).toThrow(RangeError);
  });
});

describe('generateProductKey', () => {
  it('makes valid canonical keys from the injected randomness, deterministically', () => {
    const a = generateProductKey(seededBytes(7));
    const b = generateProductKey(seededBytes(7));
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{20}$/);
    expect(isValidProductKey(a)).toBe(true);
  });

  it('uses the low five bits of each byte: every byte value weighs the same, no modulo bias', () => {
    // Feed every byte value 0..255 in turn: each of the 32 symbols must come out exactly
    // 8 times per 256 bytes (a modulo-biased mapping would favour some symbols).
    let counter = 0;
    const allBytes = (n: number) => Uint8Array.from({ length: n }, () => counter++ & 0xff);
    const counts = new Map<string, number>();
    for (let i = 0; i < 256; i++) {
      for (const symbol of generateProductKey(allBytes).slice(0, 19)) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    expect(new Set(counts.values())).toEqual(new Set([(256 * 19) / 32]));
    expect(generateProductKey(() => Uint8Array.from({ length: 19 }, (_, i) => i + 64)).slice(0, 19)).toBe(
      '0123456789ABCDEFGHJ',
    );
  });

  it('defaults to crypto.getRandomValues', () => {
    const generated = new Set(Array.from({ length: 200 }, () => generateProductKey()));
    expect(generated.size).toBe(200);
    for (const key of generated) expect(isValidProductKey(key)).toBe(true);
  });

  it('refuses a byte source that returns too little', () => {
    expect(() => generateProductKey(() => new Uint8Array(3))).toThrow(RangeError);
  });
});

describe(`error detection on ${KEYS.toLocaleString('en')} random keys`, () => {
  it('all generated keys are valid and distinct', () => {
    expect(new Set(keys).size).toBe(KEYS);
    expect(keys.every(isValidProductKey)).toBe(true);
  });

  it('catches every single-symbol substitution', { timeout: 60_000 }, () => {
    let tried = 0;
    const missed: string[] = [];
    for (const key of keys) {
      for (let i = 0; i < 20; i++) {
        for (const symbol of PRODUCT_KEY_ALPHABET) {
          if (symbol === key[i]) continue;
          const typo = key.slice(0, i) + symbol + key.slice(i + 1);
          tried++;
          if (isValidProductKey(typo)) missed.push(typo);
        }
      }
    }
    expect(tried).toBe(KEYS * 20 * 31);
    expect(missed).toEqual([]);
  });

  it(
    'catches every swap of distinct neighbours except 0↔Z, the one case Luhn mod 32 cannot see',
    { timeout: 60_000 },
    () => {
      // Math: a swap of neighbours a,b (one at weight 1, one doubled) goes unseen iff
      // D(a) − a ≡ D(b) − b (mod 32), where D(x) − x is x for x < 16 and x + 1 for x ≥ 16;
      // the only collision is D(0) − 0 = 0 ≡ 32 = D(31) − 31 and 31 is 'Z', i.e. the pair {0, Z}.
      let swaps = 0;
      let zeroZedSwaps = 0;
      const missedOther: string[] = [];
      let missedZeroZed = 0;
      for (const key of keys) {
        for (let i = 0; i < 19; i++) {
          const a = key[i]!;
          const b = key[i + 1]!;
          if (a === b) continue;
          swaps++;
          const isZeroZed = (a === '0' && b === 'Z') || (a === 'Z' && b === '0');
          if (isZeroZed) zeroZedSwaps++;
          const swapped = key.slice(0, i) + b + a + key.slice(i + 2);
          if (isValidProductKey(swapped)) {
            if (isZeroZed) missedZeroZed++;
            else missedOther.push(`${key} @${i}`);
          }
        }
      }
      expect(missedOther).toEqual([]);
      expect(missedZeroZed).toBe(zeroZedSwaps);
      const detectionRate = (swaps - missedZeroZed) / swaps;
      // Expected 1 − 2/(32·31) ≈ 99.8 % for uniform symbols.
      expect(zeroZedSwaps).toBeGreaterThan(0);
      expect(detectionRate).toBeGreaterThan(0.995);
      expect(detectionRate).toBeLessThan(1);
    },
  );

  it('0Z and Z0 give the same check, so that swap is the one that slips through', () => {
    const payload = 'ABC0ZDEFGHJKMNPQRST';
    const swapped = 'ABCZ0DEFGHJKMNPQRST';
    expect(productKeyCheckSymbol(payload)).toBe(productKeyCheckSymbol(swapped));
  });
});

describe('normalizeProductKey', () => {
  const key = keys[0]!;
  const dashed = formatProductKey(key);

  it('accepts any case, spaces and dashes', () => {
    expect(dashed).toMatch(/^\w{5}-\w{5}-\w{5}-\w{5}$/);
    expect(normalizeProductKey(key)).toBe(key);
    expect(normalizeProductKey(dashed)).toBe(key);
    expect(normalizeProductKey(dashed.toLowerCase())).toBe(key);
    expect(normalizeProductKey(`  ${dashed.replaceAll('-', ' ')}  `)).toBe(key);
    expect(normalizeProductKey(dashed.replaceAll('-', ' - '))).toBe(key);
    expect(normalizeProductKey(dashed.replaceAll('-', '\u2013'))).toBe(key); // en dash from a PDF
    expect(normalizeProductKey(`\t${key.slice(0, 10)}\n${key.slice(10)}`)).toBe(key);
  });

  it('reads O as 0 and I or L as 1, in either case', () => {
    expect(normalizeProductKey('OoIiLl00110011001100')).toBe('00111100110011001100');
    expect(normalizeProductKey('o0000-iiiii-lllll-LLLLL')).toBe('00000111111111111111');
  });

  it('refuses wrong lengths and characters outside the alphabet', () => {
    expect(normalizeProductKey(key.slice(0, 19))).toBeNull();
    expect(normalizeProductKey(key + '0')).toBeNull();
    expect(normalizeProductKey('')).toBeNull();
    expect(normalizeProductKey('U' + key.slice(1))).toBeNull();
    expect(normalizeProductKey('#' + key.slice(1))).toBeNull();
    expect(normalizeProductKey(key.slice(0, 19) + '\u00c9')).toBeNull();
  });
});

describe('formatProductKey (as you type)', () => {
  it('groups by five with dashes and no trailing dash', () => {
    expect(formatProductKey('')).toBe('');
    expect(formatProductKey('a')).toBe('A');
    expect(formatProductKey('abcde')).toBe('ABCDE');
    expect(formatProductKey('abcdef')).toBe('ABCDE-F');
    expect(formatProductKey('ABCDE-')).toBe('ABCDE');
    expect(formatProductKey('abcdefghjkmnpqrstvwx')).toBe('ABCDE-FGHJK-MNPQR-STVWX');
  });

  it('keeps at most 20 symbols, maps look-alikes and leaves out what cannot be in a key', () => {
    expect(formatProductKey('0123456789ABCDEFGHJKMNPQ')).toBe('01234-56789-ABCDE-FGHJK');
    expect(formatProductKey('oil')).toBe('011');
    expect(formatProductKey('ab#cu d')).toBe('ABCD');
  });

  it('re-formats a pasted key with odd separators', () => {
    const key = keys[1]!;
    const pasted = `${key.slice(0, 4)} ${key.slice(4, 13)}--${key.slice(13)}`.toLowerCase();
    expect(formatProductKey(pasted)).toBe(
      `${key.slice(0, 5)}-${key.slice(5, 10)}-${key.slice(10, 15)}-${key.slice(15)}`,
    );
  });
});

describe('checkProductKey', () => {
  const key = keys[2]!;

  it('accepts a valid key and returns it canonical', () => {
    expect(checkProductKey(formatProductKey(key).toLowerCase())).toEqual({ ok: true, key });
    expect(isValidProductKey(formatProductKey(key))).toBe(true);
  });

  it('says characters before length, and length before checksum', () => {
    expect(checkProductKey('ABC!')).toEqual({ ok: false, reason: 'characters' });
    expect(checkProductKey(key + 'U')).toEqual({ ok: false, reason: 'characters' });
    expect(checkProductKey(key.slice(0, 15))).toEqual({ ok: false, reason: 'length' });
    expect(checkProductKey('')).toEqual({ ok: false, reason: 'length' });
    expect(checkProductKey(key + '0')).toMatchObject({ ok: false, reason: 'length' });
    const wrongCheck = key.slice(0, 19) + (key[19] === '0' ? '1' : '0');
    expect(checkProductKey(wrongCheck)).toMatchObject({ ok: false, reason: 'checksum' });
    expect(isValidProductKey(wrongCheck)).toBe(false);
  });

  it('names the mistyped group when one group holds every plausible repair', () => {
    const good = 'K3P7M-2XQ9T-48HWN-CRF67';
    expect(isValidProductKey(good)).toBe(true);
    // Q pressed twice in group 2: no other doubled or slipped press repairs the check.
    expect(checkProductKey('K3P7M-2XQQ9T-48HWN-CRF67')).toEqual({ ok: false, reason: 'length', suspectGroup: 2 });
  });

  it('names no group when plausible repairs lie in several groups', () => {
    // 8 → B in group 3; look-alike repairs also exist in other groups, so no guess.
    expect(checkProductKey('K3P7M-2XQ9T-B8HWN-CRF67')).toEqual({ ok: false, reason: 'checksum' });
  });

  it(
    'never names a wrong group for a look-alike substitution or a neighbour swap, and often names the right one',
    { timeout: 60_000 },
    () => {
      const lookalike = new Map<string, string[]>();
      for (const [a, b] of PRODUCT_KEY_CONFUSABLE_PAIRS.map((p) => [...p] as [string, string])) {
        lookalike.set(a, [...(lookalike.get(a) ?? []), b]);
        lookalike.set(b, [...(lookalike.get(b) ?? []), a]);
      }
      let mistakes = 0;
      let named = 0;
      const wrong: string[] = [];
      for (const key of keys.slice(0, 2000)) {
        for (let i = 0; i < 20; i++) {
          for (const other of lookalike.get(key[i]!) ?? []) {
            const typo = key.slice(0, i) + other + key.slice(i + 1);
            const result = checkProductKey(typo);
            expect(result.ok).toBe(false);
            mistakes++;
            if (!result.ok && result.suspectGroup !== undefined) {
              if (result.suspectGroup === group(i)) named++;
              else wrong.push(`${typo}: said ${result.suspectGroup}, was ${group(i)}`);
            }
          }
        }
        for (let i = 0; i < 19; i++) {
          if (key[i] === key[i + 1]) continue;
          const typo = key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
          const result = checkProductKey(typo);
          if (result.ok) continue; // the 0↔Z swap
          mistakes++;
          if (result.suspectGroup !== undefined) {
            if (result.suspectGroup === group(i) || result.suspectGroup === group(i + 1)) named++;
            else wrong.push(`${typo}: said ${result.suspectGroup}, swap at ${i}`);
          }
        }
      }
      expect(wrong).toEqual([]);
      // Measured ≈ 4 %: one check symbol carries 5 bits, and with keyboard neighbours among
      // the plausible repairs nearly every failure has repairs in several groups.
      expect(named / mistakes).toBeGreaterThan(0.02);
    },
  );
});
