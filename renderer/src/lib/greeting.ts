import type { IntlShape } from 'react-intl';

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

/** Morning before noon, afternoon until six, evening after (and in the small hours). */
export function partOfDay(hour: number): PartOfDay {
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 18) return 'afternoon';
  return 'evening';
}

/** "Good morning, Alex Morgan" (or just "Good morning" without a name), in the user's language. */
export function greetingFor(intl: IntlShape, hour: number, name?: string): string {
  const values = { partOfDay: partOfDay(hour) };
  return name
    ? intl.formatMessage({ id: 'common.greeting.named' }, { ...values, name })
    : intl.formatMessage({ id: 'common.greeting' }, values);
}
