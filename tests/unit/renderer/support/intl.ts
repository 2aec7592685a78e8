import { createIntl, type IntlShape } from 'react-intl';
import type { Language } from '../../../../shared/i18n/languages';
import { catalogueFor } from '../../../../renderer/src/i18n/catalogues';

/** The app's sentences and formats in one language, as the I18nProvider gives them to screens. */
export function intlFor(language: Language = 'en'): IntlShape {
  return createIntl({ locale: language, defaultLocale: 'en', messages: catalogueFor(language) });
}
