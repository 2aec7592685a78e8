import { z } from 'zod';

/** The languages Palisade speaks, in the order Settings offers them. */
export const languages = ['en', 'de'] as const;
export type Language = (typeof languages)[number];
export const languageSchema = z.enum(languages);

/** What a person chose in Settings → Language: a language, or whatever the system speaks. */
export const languageChoices = ['system', ...languages] as const;
export type LanguageChoice = (typeof languageChoices)[number];
export const languageChoiceSchema = z.enum(languageChoices);

/**
 * The accented, 40 % longer English that tests run the app in, so that text which bypassed
 * the catalogues, and text that would be clipped in a longer language, stand out. Never
 * offered in Settings; reached only when the system's first language is exactly this tag.
 */
export const pseudoLocale = 'en-XA';
export type Locale = Language | typeof pseudoLocale;

/** The locale to speak for a system's preferred languages (most preferred first); English when none is spoken. */
export function localeFor(preferred: readonly string[]): Locale {
  if (preferred[0]?.toLowerCase() === pseudoLocale.toLowerCase()) return pseudoLocale;
  for (const tag of preferred) {
    const primary = tag.split(/[-_]/)[0]?.toLowerCase();
    const match = languages.find((language) => language === primary);
    if (match) return match;
  }
  return 'en';
}

/** The locale a choice in Settings comes to on a system with these preferred languages. */
export function resolveLocale(choice: LanguageChoice, systemLanguages: readonly string[]): Locale {
  return choice === 'system' ? localeFor(systemLanguages) : choice;
}

/** The catalogue language behind a locale: the pseudo-locale is made from English. */
export function languageOf(locale: Locale): Language {
  return locale === pseudoLocale ? 'en' : locale;
}
