import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { pseudoLocalise } from '../../../shared/i18n/pseudo-locale';

const localesDir = fileURLToPath(new URL('../../../shared/locales', import.meta.url));

/** What the app can speak in a test: its two languages and the pseudo-locale. */
export type Speech = 'en' | 'de' | 'en-XA';

/** Every catalogue of a language merged into one (keys carry their file's name, so they never collide). */
function catalogue(language: 'en' | 'de'): Record<string, string> {
  const dir = join(localesDir, language);
  const merged: Record<string, string> = {};
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    Object.assign(merged, JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, string>);
  }
  return merged;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The app's sentences as a test expects to see them in one language, found by their English
 * wording so that page objects keep reading like the English screens:
 * `copy.say('Sign in to Palisade')` is "Bei Palisade anmelden" in German and
 * "⟦Şīɠƞ īƞ ŧǿ Ƥȧŀīşȧḓḗ ·~·~·~·⟧" in the pseudo-locale. A sentence no catalogue holds yet is
 * expected as written, so a walk still gets through a screen whose copy bypasses the
 * catalogues (and the text check reports it).
 */
export class Copy {
  private readonly english = catalogue('en');
  private readonly messages: Record<string, string>;
  private readonly intl: IntlShape<string>;
  /** Keys by English wording; the first key wins where two share one. */
  private readonly byEnglish = new Map<string, string>();

  /**
   * `lenient`: locators (see `name`) also accept the English sentence, so that a walk whose
   * aim is to report English gets through screens that still show it.
   */
  constructor(
    readonly speech: Speech,
    private readonly options: { lenient?: boolean } = {},
  ) {
    this.messages =
      speech === 'de'
        ? catalogue('de')
        : speech === 'en-XA'
          ? Object.fromEntries(Object.entries(this.english).map(([key, message]) => [key, pseudoLocalise(message)]))
          : this.english;
    // The pseudo-locale is English underneath, as in the renderer.
    this.intl = createIntl(
      { locale: speech === 'de' ? 'de' : 'en', messages: this.messages, onError: () => {} },
      createIntlCache(),
    );
    for (const [key, message] of Object.entries(this.english))
      if (!this.byEnglish.has(message)) this.byEnglish.set(message, key);
  }

  /** Whether a catalogue holds this English sentence (as written there, placeholders and all). */
  has(english: string): boolean {
    return this.byEnglish.has(english);
  }

  /** The key of the English sentence, if a catalogue holds it. */
  keyOf(english: string): string | undefined {
    return this.byEnglish.get(english);
  }

  /**
   * The sentence in this language. `english` is the catalogue's English message, with its
   * placeholders (`'Deactivate {name}?'`), filled in from `values`.
   */
  say(english: string, values?: Record<string, string | number | Date>): string {
    const key = this.byEnglish.get(english);
    if (!key)
      return values
        ? createIntl({ locale: 'en', onError: () => {} }).formatMessage(
            { id: english, defaultMessage: english },
            values,
          )
        : english;
    return this.intl.formatMessage({ id: key }, values);
  }

  /** What a locator looks for: the sentence in this language (or, when lenient, in English too). */
  name(english: string, values?: Record<string, string | number | Date>): string | RegExp {
    const said = this.say(english, values);
    if (!this.options.lenient || this.speech === 'en') return said;
    const forms = new Set([said, englishSpeech.say(english, values)]);
    // Inside a longer sentence (a link in it, say) the pseudo-locale's words come without ⟦ ⟧ and padding.
    if (this.speech === 'en-XA') forms.add(said.replace(/^⟦([\s\S]*) [·~]+⟧$/, '$1'));
    return forms.size === 1 ? said : new RegExp(`^(?:${[...forms].map(escapeRegExp).join('|')})$`);
  }

  /**
   * A whole-text pattern for the sentence whose English message matches `english`: the
   * values given are filled in, other placeholders, plurals and selects match anything.
   * `fallback` is used while no catalogue holds such a sentence.
   */
  pattern(english: RegExp, values: Record<string, string> = {}, fallback?: RegExp): RegExp {
    // Variants may be one message with a select, or a message each ("Good morning, {name}", …).
    const keys = Object.keys(this.english).filter((k) => english.test(this.english[k]!));
    if (keys.length === 0) return fallback ?? english;
    const lenient = this.options.lenient && fallback ? [fallback.source.replace(/^\^|\$$/g, '')] : [];
    const alternatives = keys.map((key) => toPattern(parse(this.messages[key]!, { ignoreTag: false }), values));
    return new RegExp(`^(?:${[...alternatives, ...lenient].join('|')})$`);
  }
}

function toPattern(elements: MessageFormatElement[], values: Record<string, string>): string {
  return elements
    .map((element) => {
      if (element.type === TYPE.literal) return escapeRegExp(element.value);
      if (element.type === TYPE.tag) return toPattern(element.children, values);
      if (element.type === TYPE.argument && element.value in values) return escapeRegExp(values[element.value]!);
      if (element.type === TYPE.select || element.type === TYPE.plural) {
        return `(?:${Object.values(element.options)
          .map((option) => toPattern(option.value, values))
          .join('|')})`;
      }
      return '[\\s\\S]*?';
    })
    .join('');
}

/** English, as the existing specs read the screens. */
export const english = new Copy('en');
const englishSpeech = english;
