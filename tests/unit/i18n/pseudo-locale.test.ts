import { createIntl } from '@formatjs/intl';
import { describe, expect, it } from 'vitest';
import { localeFor, resolveLocale } from '../../../shared/i18n/languages';
import { pseudoLocalise } from '../../../shared/i18n/pseudo-locale';

const format = (message: string, values: Record<string, string | number>) =>
  createIntl({ locale: 'en', messages: { m: message } }).formatMessage({ id: 'm' }, values);

describe('the pseudo-locale', () => {
  it('accents every letter, so English that skipped the catalogue stands out', () => {
    const shown = format(pseudoLocalise('Protect this computer'), {});
    expect(shown).not.toMatch(/[A-Za-z]/);
    expect(shown.startsWith('⟦') && shown.endsWith('⟧')).toBe(true);
  });

  it('is at least 40 % longer than English', () => {
    const english = 'Move protection to this computer';
    expect(format(pseudoLocalise(english), {}).length).toBeGreaterThanOrEqual(english.length * 1.4);
  });

  it('keeps placeholders, plurals and their values as they are', () => {
    const message = '{name} has {count, plural, one {# device} other {# devices}}';
    const shown = format(pseudoLocalise(message), { name: 'Alex', count: 3 });
    expect(shown).toContain('Alex');
    expect(shown).toContain('3 ḓḗṽīƈḗş');
  });
});

describe('choosing the locale', () => {
  it('follows the first system language Palisade speaks', () => {
    expect(localeFor(['fr-FR', 'de-AT', 'en-US'])).toBe('de');
    expect(localeFor(['en-GB'])).toBe('en');
    expect(localeFor(['ja'])).toBe('en');
    expect(localeFor([])).toBe('en');
    expect(localeFor(['en-XA'])).toBe('en-XA');
  });

  it('lets a choice in Settings win over the system', () => {
    expect(resolveLocale('de', ['en-US'])).toBe('de');
    expect(resolveLocale('system', ['de-DE'])).toBe('de');
  });
});
