import { useEffect, useMemo, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { languageOf, pseudoLocale } from '../../../shared/i18n/languages';
import { catalogueFor } from './catalogues';
import { useLanguageStore } from './language-store';

/**
 * Speaks the chosen language to everything below: sentences from its catalogue, dates,
 * numbers and money through `Intl` in its locale. The page's `lang` follows, so screen
 * readers pronounce it right.
 */
export function I18nProvider({ children }: { children: ReactNode }) {
  const locale = useLanguageStore((s) => s.locale);
  const messages = useMemo(() => catalogueFor(locale), [locale]);
  // The pseudo-locale is English underneath: Intl formats it as English.
  const intlLocale = locale === pseudoLocale ? 'en' : locale;

  useEffect(() => {
    document.documentElement.lang = languageOf(locale);
    document.documentElement.dir = 'ltr';
  }, [locale]);

  return (
    <IntlProvider locale={intlLocale} defaultLocale="en" messages={messages} onError={reportMissing}>
      {children}
    </IntlProvider>
  );
}

/** A missing key is a bug the type check should have caught; say so loudly in development. */
function reportMissing(error: Error) {
  if (import.meta.env.DEV) console.error(error);
}
