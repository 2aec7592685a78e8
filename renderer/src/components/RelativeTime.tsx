import { useDates } from '../lib/dates';

/** "3 days ago", with the exact date and time on hover and in the markup. */
export function RelativeTime({ iso, now }: { iso: string; now?: number }) {
  const { formatDateTime, formatRelative } = useDates();
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}
