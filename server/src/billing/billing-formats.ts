import type { Language } from '../../../shared/i18n/languages';

/** Minor units as money in the reader's language: 4999 EUR → "€49.99" / "49,99 €". */
export function formatMoney(language: Language, amount: number, currency: string): string {
  const format = new Intl.NumberFormat(language, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/** A day in UTC, as invoices and billing e-mails give it: "3 March 2027" / "3. März 2027". */
export function formatDay(language: Language, when: Date): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { dateStyle: 'long', timeZone: 'UTC' }).format(when);
}
