import { describe, expect, it } from 'vitest';
import { type ContactLine, instantOfWallTime, isOpenAt, wallClockIn } from '../../../shared/api/support-contacts';
import { supportContacts } from '../../../server/src/support/contacts';

const berlin: Pick<ContactLine, 'timeZone' | 'hours'> = {
  timeZone: 'Europe/Berlin',
  hours: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], opens: '08:00', closes: '20:00' }],
};
const newYork = { ...berlin, timeZone: 'America/New_York' };

describe('whether a support line is open, on its own clock', () => {
  it('opens and closes at the wall-clock times in winter and in summer (DST moves the UTC instant)', () => {
    // Winter: Berlin is UTC+1, so 08:00 there is 07:00Z.
    expect(isOpenAt(berlin, new Date('2026-01-14T06:59:00Z'))).toBe(false);
    expect(isOpenAt(berlin, new Date('2026-01-14T07:00:00Z'))).toBe(true);
    expect(isOpenAt(berlin, new Date('2026-01-14T18:59:00Z'))).toBe(true);
    expect(isOpenAt(berlin, new Date('2026-01-14T19:00:00Z'))).toBe(false);
    // Summer: UTC+2, so 08:00 is 06:00Z and 07:30Z is already open.
    expect(isOpenAt(berlin, new Date('2026-07-15T05:59:00Z'))).toBe(false);
    expect(isOpenAt(berlin, new Date('2026-07-15T06:00:00Z'))).toBe(true);
    expect(isOpenAt(berlin, new Date('2026-07-15T18:30:00Z'))).toBe(false);
  });

  it('follows the day DST starts in Europe and the weeks the US has changed and Europe has not', () => {
    // Monday 30 March 2026, the day after Europe's change: 06:30Z is 08:30 CEST.
    expect(isOpenAt(berlin, new Date('2026-03-30T06:30:00Z'))).toBe(true);
    // Monday 23 March 2026: still CET, 06:30Z is 07:30, closed.
    expect(isOpenAt(berlin, new Date('2026-03-23T06:30:00Z'))).toBe(false);
    // New York changed on 8 March: on 23 March 12:30Z is 08:30 EDT (it would be 07:30 EST).
    expect(isOpenAt(newYork, new Date('2026-03-23T12:30:00Z'))).toBe(true);
  });

  it('is closed at the weekend, where the weekend is the region’s, not UTC’s', () => {
    expect(isOpenAt(berlin, new Date('2026-01-17T12:00:00Z'))).toBe(false); // Saturday
    expect(isOpenAt(berlin, new Date('2026-01-18T12:00:00Z'))).toBe(false); // Sunday
    // Friday 23:30 in New York is Saturday 04:30Z: the line's day is still Friday, but it is past 20:00.
    expect(wallClockIn(new Date('2026-01-17T04:30:00Z'), 'America/New_York')).toEqual({ day: 'fri', minute: 23 * 60 + 30 });
    // Monday 07:30 in Sydney is Sunday 20:30Z: a Monday-to-Friday line there is open while UTC says Sunday.
    const sydney = { ...berlin, timeZone: 'Australia/Sydney' };
    expect(isOpenAt(sydney, new Date('2026-01-18T21:30:00Z'))).toBe(true); // Mon 08:30 AEDT
  });

  it('finds the instant of a wall-clock time in a zone, across DST', () => {
    expect(instantOfWallTime(new Date('2026-01-14T12:00:00Z'), '08:00', 'Europe/Berlin').toISOString()).toBe('2026-01-14T07:00:00.000Z');
    expect(instantOfWallTime(new Date('2026-07-14T12:00:00Z'), '08:00', 'Europe/Berlin').toISOString()).toBe('2026-07-14T06:00:00.000Z');
    expect(instantOfWallTime(new Date('2026-03-29T12:00:00Z'), '08:00', 'Europe/Berlin').toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(instantOfWallTime(new Date('2026-03-23T12:00:00Z'), '08:00', 'America/New_York').toISOString()).toBe('2026-03-23T12:00:00.000Z');
  });
});

describe('the lines in content/support/contacts.json', () => {
  it('has at least 12 regions and an international line, last, open around the clock', () => {
    const all = supportContacts(undefined, new Date('2026-01-18T03:00:00Z'));
    expect(all.length).toBeGreaterThanOrEqual(13);
    expect(new Set(all.map((line) => line.region)).size).toBe(all.length);
    expect(all.at(-1)).toMatchObject({ region: 'ZZ', openNow: true });
  });

  it('answers an unknown region with the international line', () => {
    expect(supportContacts('QQ', new Date()).map((line) => line.region)).toEqual(['ZZ']);
    expect(supportContacts('DE', new Date()).map((line) => line.region)).toEqual(['DE']);
  });
});
