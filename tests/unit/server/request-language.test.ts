import { describe, expect, it } from 'vitest';
import { requestLanguage } from '../../../server/src/i18n/request-language';

describe("the language of a browser's request", () => {
  it('is the first language Palisade speaks, by preference', () => {
    expect(requestLanguage('de-DE,de;q=0.9,en;q=0.8')).toBe('de');
    expect(requestLanguage('fr-FR, de;q=0.7, en;q=0.5')).toBe('de');
    expect(requestLanguage('en;q=0.4, de-AT;q=0.8')).toBe('de');
    expect(requestLanguage('en-GB,en;q=0.9,de;q=0.8')).toBe('en');
  });

  it('is English when the browser names none Palisade speaks, or none at all', () => {
    expect(requestLanguage('fr-FR,fr;q=0.9')).toBe('en');
    expect(requestLanguage('*')).toBe('en');
    expect(requestLanguage('')).toBe('en');
    expect(requestLanguage(undefined)).toBe('en');
  });

  it('skips languages the browser refuses with q=0', () => {
    expect(requestLanguage('de;q=0, en')).toBe('en');
    expect(requestLanguage('fr, de;q=0.000, en;q=0.1')).toBe('en');
  });

  it('speaks English to the pseudo-locale, which is made from it', () => {
    expect(requestLanguage('en-XA, de')).toBe('en');
  });
});
