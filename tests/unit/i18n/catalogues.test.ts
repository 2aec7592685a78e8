import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIntl } from '@formatjs/intl';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { languages } from '../../../shared/i18n/languages';

const root = join(import.meta.dirname, '../../../shared/locales');
const load = (language: string, file: string): Record<string, string> =>
  JSON.parse(readFileSync(join(root, language, file), 'utf8')) as Record<string, string>;
const files = readdirSync(join(root, 'en')).filter((f) => f.endsWith('.json'));

/** The placeholders and tags a message uses: a translation must use the same ones. */
function argumentsOf(elements: MessageFormatElement[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    found.add(`${element.type}:${element.value}`);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, found);
    }
    if (element.type === TYPE.tag) argumentsOf(element.children, found);
  }
  return found;
}

describe('message catalogues', () => {
  it('exist for every language, one file per area, the same files in each', () => {
    expect(files.length).toBeGreaterThan(3);
    for (const language of languages) expect(readdirSync(join(root, language)).sort()).toEqual([...files].sort());
  });

  describe.each(files)('%s', (file) => {
    const english = load('en', file);

    it.each(languages.filter((l) => l !== 'en'))('has the same keys in %s as in English', (language) => {
      expect(Object.keys(load(language, file)).sort()).toEqual(Object.keys(english).sort());
    });

    it.each([...languages])('in %s, every message is valid ICU with the same placeholders as English', (language) => {
      const catalogue = load(language, file);
      const prefix = file.replace(/\.json$/, '');
      for (const [key, message] of Object.entries(catalogue)) {
        expect(key.split('.')[0], `${key} is named for its file`).toBe(prefix);
        expect(message.trim(), key).not.toBe('');
        const english = load('en', file)[key];
        if (english === undefined) continue;
        expect([...argumentsOf(parse(message))].sort(), key).toEqual([...argumentsOf(parse(english))].sort());
      }
    });
  });
});

describe('plural forms', () => {
  const intl = (language: string) => createIntl({ locale: language, messages: load(language, 'common.json') });

  it('counts devices in English', () => {
    const en = intl('en');
    expect(en.formatMessage({ id: 'common.deviceCount' }, { count: 1 })).toBe('1 device');
    expect(en.formatMessage({ id: 'common.deviceCount' }, { count: 0 })).toBe('0 devices');
    expect(en.formatMessage({ id: 'common.deviceCount' }, { count: 1000 })).toBe('1,000 devices');
  });

  it('counts devices in German, with German digit grouping', () => {
    const de = intl('de');
    expect(de.formatMessage({ id: 'common.deviceCount' }, { count: 1 })).toBe('1 Gerät');
    expect(de.formatMessage({ id: 'common.deviceCount' }, { count: 2 })).toBe('2 Geräte');
    expect(de.formatMessage({ id: 'common.deviceCount' }, { count: 1000 })).toBe('1.000 Geräte');
  });
});
