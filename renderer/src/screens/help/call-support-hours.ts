import { type ContactHours, instantOfWallTime, weekdays, type Weekday } from '../../../../shared/api/support-contacts';

/** A day group in the reader's language: "Mon–Fri" when the days run on, else "Mon, Wed". */
export function dayGroupLabel(days: readonly Weekday[], locale: string): string {
  // 1 January 2024 was a Monday; UTC so no zone moves the day.
  const nameOf = (day: Weekday) =>
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + weekdays.indexOf(day)));
  const indexes = days.map((day) => weekdays.indexOf(day)).sort((a, b) => a - b);
  const runsOn = indexes.every((index, i) => i === 0 || index === (indexes[i - 1] ?? -2) + 1);
  const first = days.find((d) => weekdays.indexOf(d) === indexes[0]);
  const last = days.find((d) => weekdays.indexOf(d) === indexes.at(-1));
  if (runsOn && indexes.length > 2 && first && last) return `${nameOf(first)}–${nameOf(last)}`;
  return new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' }).format(indexes.map((i) => nameOf(weekdays[i] ?? 'mon')));
}

const dateIn = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

/** How many days the reader's calendar is ahead (+1) or behind (−1) the line's at `instant`. */
function dayShift(instant: Date, lineZone: string, ownZone: string): number {
  const there = Date.parse(dateIn(instant, lineZone));
  const here = Date.parse(dateIn(instant, ownZone));
  return Math.round((here - there) / 86_400_000);
}

export interface OwnTimeRange {
  opens: string;
  closes: string;
  /** The reader's calendar against the line's at opening: the Tokyo line's 09:00 is 01:00 the same day in Berlin (0), 20:00 the day before in New York (−1). */
  shift: number;
}

/**
 * A day group's hours on the reader's own clock, as they fall today: what "08:00 in Sydney"
 * is here. Judged on today's date, so a DST change on either side shows as it is this week.
 */
export function hoursInOwnTime(hours: ContactHours, lineZone: string, ownZone: string, now: Date, locale: string): OwnTimeRange {
  const time = (instant: Date) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: ownZone }).format(instant);
  const opens = instantOfWallTime(now, hours.opens, lineZone);
  const closes = instantOfWallTime(now, hours.closes, lineZone);
  return { opens: time(opens), closes: time(closes), shift: dayShift(opens, lineZone, ownZone) };
}

export const aroundTheClock = (hours: ContactHours) => hours.opens === '00:00' && hours.closes === '24:00';
