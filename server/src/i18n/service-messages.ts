import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import type { Language } from '../../../shared/i18n/languages';
import deDownloads from '../../../shared/locales/de/downloads.json' with { type: 'json' };
import deMail from '../../../shared/locales/de/mail.json' with { type: 'json' };
import dePages from '../../../shared/locales/de/pages.json' with { type: 'json' };
import dePayments from '../../../shared/locales/de/payments.json' with { type: 'json' };
import deSupport from '../../../shared/locales/de/support.json' with { type: 'json' };
import enDownloads from '../../../shared/locales/en/downloads.json' with { type: 'json' };
import enMail from '../../../shared/locales/en/mail.json' with { type: 'json' };
import enPages from '../../../shared/locales/en/pages.json' with { type: 'json' };
import enPayments from '../../../shared/locales/en/payments.json' with { type: 'json' };
import enSupport from '../../../shared/locales/en/support.json' with { type: 'json' };
import { escapeHtml } from '../html/escape-html';

/** The service's sentences: its e-mails, the pages their links open, the downloads. English is the reference. */
const en = { ...enMail, ...enPages, ...enDownloads, ...enPayments, ...enSupport };
export type MessageId = keyof typeof en;
const catalogues: Record<Language, Record<MessageId, string>> = { en, de: { ...deMail, ...dePages, ...deDownloads, ...dePayments, ...deSupport } };

type Values = Record<string, string | number>;

/** The service's sentences in one language. */
export interface ServiceMessages {
  readonly language: Language;
  /** A sentence as plain text. */
  text(id: MessageId, values?: Values): string;
  /**
   * The same sentence as HTML: the sentence and `values` escaped, `markup` (trusted HTML,
   * such as a link or `<strong>`) put in where its placeholder is.
   */
  html(id: MessageId, values?: Values, markup?: Record<string, string>): string;
  /**
   * A moment, to the minute, in UTC and saying so: the service does not know the reader's
   * time zone.
   */
  dateTime(when: Date): string;
}

const cache = createIntlCache();
const byLanguage = new Map<Language, ServiceMessages>();

/** The sentences in `language`, made once per language. */
export function messagesIn(language: Language): ServiceMessages {
  let messages = byLanguage.get(language);
  if (!messages) {
    messages = make(
      createIntl({ locale: language, defaultLocale: 'en', messages: catalogues[language], timeZone: 'UTC' }, cache),
    );
    byLanguage.set(language, messages);
  }
  return messages;
}

// Stands for a piece of markup while the sentence around it is escaped (private-use characters, never in a catalogue).
const mark = (index: number) => `\uE000${index}\uE001`;

function make(intl: IntlShape<string>): ServiceMessages {
  const language = intl.locale as Language;
  const text = (id: MessageId, values: Values = {}) => intl.formatMessage({ id }, values);
  return {
    language,
    text,
    html(id, values = {}, markup = {}) {
      const pieces = Object.values(markup);
      const marks = Object.fromEntries(Object.keys(markup).map((name, index) => [name, mark(index)]));
      // A value cannot pose as a mark.
      const plain = Object.fromEntries(
        Object.entries(values).map(([name, value]) => [
          name,
          typeof value === 'string' ? value.replace(/[\uE000\uE001]/g, '') : value,
        ]),
      );
      return escapeHtml(text(id, { ...plain, ...marks })).replace(
        /\uE000(\d+)\uE001/g,
        (_m, index: string) => pieces[Number(index)] ?? '',
      );
    },
    dateTime: (when) =>
      intl.formatDate(when, {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZone: 'UTC',
        timeZoneName: 'short',
      }),
  };
}
