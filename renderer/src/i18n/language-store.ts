import { create } from 'zustand';
import { localeFor, resolveLocale, type LanguageChoice, type Locale } from '../../../shared/i18n/languages';

/** The languages the system prefers: Electron sets them from the OS, a browser from its settings. */
function systemLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages.length ? navigator.languages : [navigator.language];
}

interface LanguageStore {
  /** What Settings → Language says; `system` until the main process has answered. */
  choice: LanguageChoice;
  /** The locale the app speaks now. */
  locale: Locale;
  /** The locale the system alone would give, for "Same as the system (…)". */
  systemLocale: Locale;
  chose(choice: LanguageChoice): void;
}

export const useLanguageStore = create<LanguageStore>()((set) => ({
  choice: 'system',
  locale: localeFor(systemLanguages()),
  systemLocale: localeFor(systemLanguages()),
  chose: (choice) => set({ choice, locale: resolveLocale(choice, systemLanguages()), systemLocale: localeFor(systemLanguages()) }),
}));
