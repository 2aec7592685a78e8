import deAuth from '../../../shared/locales/de/auth.json';
import deBilling from '../../../shared/locales/de/billing.json';
import deChat from '../../../shared/locales/de/chat.json';
import deCommon from '../../../shared/locales/de/common.json';
import deErrors from '../../../shared/locales/de/errors.json';
import deDevices from '../../../shared/locales/de/devices.json';
import deDownloads from '../../../shared/locales/de/downloads.json';
import deHelp from '../../../shared/locales/de/help.json';
import deSubscriptions from '../../../shared/locales/de/subscriptions.json';
import deThisComputer from '../../../shared/locales/de/thisComputer.json';
import deTickets from '../../../shared/locales/de/tickets.json';
import deSettings from '../../../shared/locales/de/settings.json';
import deShell from '../../../shared/locales/de/shell.json';
import deSupport from '../../../shared/locales/de/support.json';
import deUpdates from '../../../shared/locales/de/updates.json';
import enAuth from '../../../shared/locales/en/auth.json';
import enBilling from '../../../shared/locales/en/billing.json';
import enChat from '../../../shared/locales/en/chat.json';
import enCommon from '../../../shared/locales/en/common.json';
import enErrors from '../../../shared/locales/en/errors.json';
import enDevices from '../../../shared/locales/en/devices.json';
import enDownloads from '../../../shared/locales/en/downloads.json';
import enHelp from '../../../shared/locales/en/help.json';
import enSubscriptions from '../../../shared/locales/en/subscriptions.json';
import enThisComputer from '../../../shared/locales/en/thisComputer.json';
import enTickets from '../../../shared/locales/en/tickets.json';
import enSettings from '../../../shared/locales/en/settings.json';
import enShell from '../../../shared/locales/en/shell.json';
import enSupport from '../../../shared/locales/en/support.json';
import enUpdates from '../../../shared/locales/en/updates.json';
import { pseudoCatalogue } from '../../../shared/i18n/pseudo-locale';
import { pseudoLocale, type Language, type Locale } from '../../../shared/i18n/languages';

/** The app's English sentences, one file per area of the app; English is the reference. */
const en = { ...enCommon, ...enErrors, ...enAuth, ...enSubscriptions, ...enBilling, ...enThisComputer, ...enDevices, ...enDownloads, ...enSettings, ...enShell, ...enSupport, ...enHelp, ...enTickets, ...enChat, ...enUpdates };

/** Every sentence the app can show has a key here; a missing key fails to compile. */
export type MessageId = keyof typeof en;
export type Catalogue = Record<MessageId, string>;

// German must have every English key; the unit test also refuses keys English lacks.
const de: Catalogue = { ...deCommon, ...deErrors, ...deAuth, ...deSubscriptions, ...deBilling, ...deThisComputer, ...deDevices, ...deDownloads, ...deSettings, ...deShell, ...deSupport, ...deHelp, ...deTickets, ...deChat, ...deUpdates };

const byLanguage: Record<Language, Catalogue> = { en, de };
let pseudo: Catalogue | undefined;

/** The catalogue for a locale; the pseudo-locale is made from English on first use. */
export function catalogueFor(locale: Locale): Catalogue {
  if (locale === pseudoLocale) return (pseudo ??= pseudoCatalogue(en));
  return byLanguage[locale];
}
