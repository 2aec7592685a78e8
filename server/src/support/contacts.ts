import { z } from 'zod';
import data from '../../../content/support/contacts.json' with { type: 'json' };
import { type Contact, type ContactLine, contactLineSchema, internationalRegion, isOpenAt } from '../../../shared/api/support-contacts';

/** Checked once at load: a typo in the data file stops the service at start, not a caller later. */
const lines: readonly ContactLine[] = z.array(contactLineSchema).min(13).parse(data.lines);
for (const line of lines) new Intl.DateTimeFormat('en-US', { timeZone: line.timeZone }); // throws on an unknown zone

const found = lines.find((line) => line.region === internationalRegion);
if (!found) throw new Error(`content/support/contacts.json has no international line (${internationalRegion}).`);
const international: ContactLine = found;

const withOpenNow = (line: ContactLine, now: Date): Contact => ({ ...line, openNow: isOpenAt(line, now) });

/**
 * `GET /v1/support/contacts`: with a region, its line (the international line when it has
 * none of its own); without, every line, the international one last, for a region picker.
 */
export function supportContacts(region: string | undefined, now: Date): Contact[] {
  if (region === undefined) {
    return [...lines.filter((line) => line !== international), international].map((line) => withOpenNow(line, now));
  }
  return [withOpenNow(lines.find((line) => line.region === region) ?? international, now)];
}
