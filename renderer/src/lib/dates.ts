/** How the app writes dates: plain words first, the exact time on hover. Text that is not a date is shown as it came. */

const DAY_MS = 24 * 60 * 60 * 1000;

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });
const dateTimeFormats = {
  long: new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' }),
  medium: new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
};
const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "12 March 2026" (in the person's own locale). */
export const formatDate = (iso: string): string => dateFormat.format(new Date(iso));

/** "12 March 2026 at 14:05" (`medium`: "12 Mar 2026, 14:05"): the exact moment, for tooltips, `title` and lists. */
export function formatDateTime(iso: string, dateStyle: keyof typeof dateTimeFormats = 'long'): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTimeFormats[dateStyle].format(time);
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
export function formatRelative(iso: string, now: number = Date.now()): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const diff = time - now;
  for (const [unit, size] of units) {
    if (Math.abs(diff) >= size) return relativeFormat.format(Math.round(diff / size), unit);
  }
  return 'just now';
}

/** Whole days until `iso`, rounded up (so "1 day left" until the very end); 0 once past. */
export function daysUntil(iso: string, now: number = Date.now()): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / DAY_MS));
}

export const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;
