import { useMemo } from 'react';
import { useIntl, type IntlShape } from 'react-intl';

/**
 * How the app writes dates, in the user's locale: plain words first, the exact time on
 * hover. Text that is not a date is shown as it came.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export type DateTimeStyle = 'long' | 'medium';

/** "12 March 2026" (in the person's own locale). */
export function formatDate(intl: IntlShape, iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : intl.formatDate(time, { dateStyle: 'long' });
}

/** "12 March 2026 at 14:05" (`medium`: "12 Mar 2026, 14:05"): the exact moment, for tooltips, `title` and lists. */
export function formatDateTime(intl: IntlShape, iso: string, dateStyle: DateTimeStyle = 'long'): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : intl.formatDate(time, { dateStyle, timeStyle: 'short' });
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * DAY_MS],
  ['month', 30 * DAY_MS],
  ['week', 7 * DAY_MS],
  ['day', DAY_MS],
  ['hour', 60 * 60 * 1000],
  ['minute', 60 * 1000],
];

/** "just now", "5 minutes ago", "yesterday", "3 weeks ago". */
export function formatRelative(intl: IntlShape, iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const diff = time - now;
  for (const [unit, size] of units) {
    if (Math.abs(diff) >= size) return intl.formatRelativeTime(Math.round(diff / size), unit, { numeric: 'auto' });
  }
  return intl.formatMessage({ id: 'common.justNow' });
}

/** Whole days until `iso`, rounded up (so "1 day left" until the very end); 0 once past. */
export function daysUntil(iso: string, now: number = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / DAY_MS));
}

/** The date helpers bound to the language the app speaks now. */
export function useDates() {
  const intl = useIntl();
  return useMemo(
    () => ({
      formatDate: (iso: string) => formatDate(intl, iso),
      formatDateTime: (iso: string, dateStyle?: DateTimeStyle) => formatDateTime(intl, iso, dateStyle),
      formatRelative: (iso: string, now?: number) => formatRelative(intl, iso, now),
    }),
    [intl],
  );
}
