import { describe, expect, it } from 'vitest';
import {
  cardNumberProblem,
  cvcProblem,
  detectCardBrand,
  expiryProblem,
  formatCardNumber,
  parseExpiry,
} from '../../../shared/card-entry';
import { passesLuhn } from '../../../shared/payment-card';

// The sandbox's test cards (docs/api.md "Plans, payment methods and invoices").
const testCards = ['4242 4242 4242 4242', '5555 5555 5555 4444', '4000 0000 0000 0002', '4000 0000 0000 0341', '4000 0000 0000 9995'];

describe('the brand, recognised as the number is typed', () => {
  it.each([
    ['4', 'visa'],
    ['4242', 'visa'],
    ['51', 'mastercard'],
    ['5555 5555', 'mastercard'],
    ['2221', 'mastercard'],
    ['2720 99', 'mastercard'],
    ['34', 'amex'],
    ['37', 'amex'],
    ['6011', 'discover'],
    ['65', 'discover'],
    ['3530', 'jcb'],
    ['3056', 'diners'],
  ] as const)('%s is %s', (typed, brand) => {
    expect(detectCardBrand(typed)).toBe(brand);
  });

  it('names none while the first digits could still be several brands, or none at all', () => {
    expect(detectCardBrand('')).toBeNull();
    expect(detectCardBrand('3')).toBeNull(); // Amex, Diners or JCB
    expect(detectCardBrand('2100')).toBeNull(); // Mastercard's 2-series is 2221–2720 only
    expect(detectCardBrand('2100')).toBeNull();
    expect(detectCardBrand('9999')).toBeNull();
    expect(detectCardBrand('42x')).toBeNull();
  });
});

describe('the Luhn check', () => {
  it.each(testCards)('passes the test card %s', (card) => {
    expect(passesLuhn(card.replace(/ /g, ''))).toBe(true);
    expect(cardNumberProblem(card)).toBeNull();
  });

  it('catches any one digit mistyped and two neighbours swapped', () => {
    const good = '4242424242424242';
    for (let i = 0; i < good.length; i++) {
      const wrong = good.slice(0, i) + String((Number(good[i]) + 3) % 10) + good.slice(i + 1);
      expect(cardNumberProblem(wrong), wrong).toBe('checksum');
    }
    expect(cardNumberProblem('5555555555554444'.replace('54444', '45444'))).toBe('checksum');
  });

  it('says why a number cannot be a card: missing, letters, too short or long for its brand', () => {
    expect(cardNumberProblem('  ')).toBe('missing');
    expect(cardNumberProblem('4242 4242 4242 424O')).toBe('characters');
    expect(cardNumberProblem('4242 4242')).toBe('length');
    expect(cardNumberProblem('4242 4242 4242 4242 42424')).toBe('length');
    // Amex has 15 digits; a Luhn-valid 16 digits starting 37 is not one.
    expect(cardNumberProblem('3782 822463 10005')).toBeNull();
    expect(cardNumberProblem('3782 8224 6310 0052')).toBe('length');
  });

  it('groups the digits as cards print them, Amex 4-6-5', () => {
    expect(formatCardNumber('4242424242424242')).toBe('4242 4242 4242 4242');
    expect(formatCardNumber('4242-4242-42')).toBe('4242 4242 42');
    expect(formatCardNumber('378282246310005')).toBe('3782 822463 10005');
  });
});

describe('the expiry', () => {
  const now = new Date('2026-12-02T15:00:00Z');

  it('reads MM/YY, MM/YYYY and MMYY', () => {
    expect(parseExpiry('03/28')).toEqual({ month: 3, year: 2028 });
    expect(parseExpiry(' 3 / 2028 ')).toEqual({ month: 3, year: 2028 });
    expect(parseExpiry('0328')).toEqual({ month: 3, year: 2028 });
    expect(parseExpiry('13/28')).toBeNull();
    expect(parseExpiry('00/28')).toBeNull();
    expect(parseExpiry('March 28')).toBeNull();
  });

  it('is good to the end of its month, expired from the next, and refuses a typing slip decades ahead', () => {
    expect(expiryProblem('12/26', now)).toBeNull();
    expect(expiryProblem('11/26', now)).toBe('expired');
    expect(expiryProblem('01/27', now)).toBeNull();
    expect(expiryProblem('12/2046', now)).toBeNull();
    expect(expiryProblem('01/2047', now)).toBe('tooFar');
    expect(expiryProblem('', now)).toBe('missing');
    expect(expiryProblem('12-2', now)).toBe('format');
  });
});

describe('the CVC', () => {
  it('has 3 digits, 4 for American Express', () => {
    expect(cvcProblem('123', 'visa')).toBeNull();
    expect(cvcProblem('1234', 'visa')).toBe('length');
    expect(cvcProblem('1234', 'amex')).toBeNull();
    expect(cvcProblem('123', 'amex')).toBe('length');
    expect(cvcProblem('12a', null)).toBe('length');
    expect(cvcProblem('', 'visa')).toBe('missing');
    expect(cvcProblem('1234', null)).toBeNull();
  });
});
