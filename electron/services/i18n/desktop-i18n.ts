import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import {
  type LanguageChoice,
  languageOf,
  type Locale,
  pseudoLocale,
  resolveLocale,
} from '../../../shared/i18n/languages';
import { pseudoCatalogue } from '../../../shared/i18n/pseudo-locale';
import type { AppEvents } from '../events/app-events';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import { type DesktopMessageId, desktopCatalogues } from './desktop-catalogues';

type Values = Record<string, string | number | Date>;

export interface DesktopI18n {
  locale(): Locale;
  /** One sentence of the main process's own text, in the language it speaks now. */
  t(id: DesktopMessageId, values?: Values): string;
  /** Dates and numbers for the main process's text (a tray, a notification), in the same locale. */
  intl(): IntlShape<string>;
  stop(): void;
}

export interface DesktopI18nOptions {
  /** The choice in Settings → Language, read again whenever `settings.changed` says. */
  choice: () => LanguageChoice;
  /** The operating system's languages, most preferred first: Electron's, or the host's environment. */
  systemLanguages: () => readonly string[];
  /** When given, follows `settings.changed` and announces `desktop.localeChanged`. */
  events?: AppEvents;
  logger?: Logger;
}

const cache = createIntlCache();

function intlFor(locale: Locale, logger: Logger): IntlShape<string> {
  const english = desktopCatalogues.en;
  const messages = locale === pseudoLocale ? pseudoCatalogue(english) : desktopCatalogues[languageOf(locale)];
  return createIntl(
    {
      locale,
      defaultLocale: 'en',
      messages,
      onError: (error) => logger.warn('a desktop message could not be formatted', { error: error.message }),
    },
    cache,
  );
}

/**
 * One desktop message in a given locale, for text whose reader's language is known apart
 * from the app's: a page the browser host answers speaks the browser's (Accept-Language).
 */
export function formatDesktopMessage(locale: Locale, id: DesktopMessageId, values?: Values): string {
  return intlFor(locale, silentLogger).formatMessage({ id }, values);
}

/**
 * The language the main process speaks: the one chosen in Settings, or for `system` the
 * operating system's. Text a person reads comes from `desktop.json`; developer logs stay English.
 */
export function createDesktopI18n({
  choice,
  systemLanguages,
  events,
  logger = silentLogger,
}: DesktopI18nOptions): DesktopI18n {
  const resolve = () => resolveLocale(choice(), systemLanguages());
  let locale = resolve();
  let intl = intlFor(locale, logger);
  const off = events?.on('settings.changed', () => {
    const next = resolve();
    if (next === locale) return;
    locale = next;
    intl = intlFor(locale, logger);
    events.emit('desktop.localeChanged', { locale });
  });
  return {
    locale: () => locale,
    t: (id, values) => intl.formatMessage({ id }, values),
    intl: () => intl,
    stop: () => off?.(),
  };
}
