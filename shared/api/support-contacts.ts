import { z } from 'zod';

/** docs/api.md "Support": phone support by region. */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** The international line's region: CLDR's "unknown region", so it never clashes with a country. */
export const internationalRegion = 'ZZ';

/** ISO 3166-1 alpha-2, either case (a locale's region comes as `de-AT` or `de_at`). */
export const regionQuerySchema = z.object({
  region: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'Expected a two-letter ISO 3166-1 region such as DE.')
    .transform((region) => region.toUpperCase())
    .optional(),
});

const wallTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'Expected HH:MM.');

/** One day group's hours, as wall-clock times in the line's own time zone; `closes` 24:00 is midnight at the end of the day. */
export const contactHoursSchema = z
  .object({ days: z.array(z.enum(weekdays)).min(1), opens: wallTimeSchema, closes: wallTimeSchema })
  .refine((hours) => hours.opens < hours.closes, { message: 'A line closes after it opens.' });
export type ContactHours = z.infer<typeof contactHoursSchema>;

/** A line as kept in content/support/contacts.json. */
export const contactLineSchema = z.object({
  region: z.string().regex(/^[A-Z]{2}$/),
  regionName: z.string().min(1),
  phone: z.string().regex(/^\+[1-9][\d ]{6,20}$/, 'Expected an E.164 number, spaces allowed.'),
  languages: z.array(z.string().regex(/^[a-z]{2}$/)).min(1),
  timeZone: z.string().min(1),
  hours: z.array(contactHoursSchema).min(1),
});
export type ContactLine = z.infer<typeof contactLineSchema>;

export const contactSchema = contactLineSchema.extend({ openNow: z.boolean() });
export type Contact = z.infer<typeof contactSchema>;
export const contactListSchema = z.array(contactSchema);

const minutesOf = (wall: string) => Number(wall.slice(0, 2)) * 60 + Number(wall.slice(3, 5));

/** The weekday and minute of the day that `instant` is on the wall clocks of `timeZone`. */
export function wallClockIn(instant: Date, timeZone: string): { day: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = part('weekday').toLowerCase().slice(0, 3) as Weekday;
  return { day, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** Whether a line answers at `instant`, judged on its own time zone's clock (so DST moves with it). */
export function isOpenAt(line: Pick<ContactLine, 'timeZone' | 'hours'>, instant: Date): boolean {
  const { day, minute } = wallClockIn(instant, line.timeZone);
  return line.hours.some((h) => h.days.includes(day) && minute >= minutesOf(h.opens) && minute < minutesOf(h.closes));
}

/**
 * The instant at which the wall clock of `timeZone` shows `wall` on the calendar day that
 * `reference` is in that zone: what "09:00 in Berlin today" is, to show it in the user's own time.
 */
export function instantOfWallTime(reference: Date, wall: string, timeZone: string): Date {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(reference);
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const target = Date.UTC(y, m - 1, d) + minutesOf(wall) * 60_000;
  // Guess UTC, then correct by the zone's offset at the guess; twice covers a DST change between.
  let guess = target;
  for (let i = 0; i < 2; i += 1) {
    const offset = zoneOffsetMs(new Date(guess), timeZone);
    guess = target - offset;
  }
  return new Date(guess);
}

function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}
