import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import deNotifications from '../../../shared/locales/de/notifications.json' with { type: 'json' };
import deTray from '../../../shared/locales/de/tray.json' with { type: 'json' };
import deUpdates from '../../../shared/locales/de/updates.json' with { type: 'json' };
import enNotifications from '../../../shared/locales/en/notifications.json' with { type: 'json' };
import enTray from '../../../shared/locales/en/tray.json' with { type: 'json' };
import enUpdates from '../../../shared/locales/en/updates.json' with { type: 'json' };
import { type Language, languageOf, type Locale, pseudoLocale } from '../../../shared/i18n/languages';
import { pseudoCatalogue } from '../../../shared/i18n/pseudo-locale';

/** Text the operating system shows for the app (tray menu, tooltip, notifications), from the catalogues. */
const english = { ...enTray, ...enNotifications, ...enUpdates };
export type OsMessageId = keyof typeof english;
const catalogues: Record<Language, Record<OsMessageId, string>> = {
  en: english,
  de: { ...deTray, ...deNotifications, ...deUpdates },
};

export type OsText = (id: OsMessageId, values?: Record<string, string | number | Date>) => string;

const cache = createIntlCache();
const intls = new Map<Locale, IntlShape<string>>();

/** The sentences in `locale` (the one the main process speaks: DesktopI18n.locale()). */
export function osText(locale: Locale): OsText {
  let intl = intls.get(locale);
  if (!intl) {
    const messages = locale === pseudoLocale ? pseudoCatalogue(english) : catalogues[languageOf(locale)];
    intl = createIntl({ locale, defaultLocale: 'en', messages }, cache);
    intls.set(locale, intl);
  }
  const formatter = intl;
  return (id, values) => formatter.formatMessage({ id }, values);
}
