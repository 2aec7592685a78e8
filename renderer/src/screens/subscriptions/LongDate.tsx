import { useDates } from '../../lib/dates';

/** A date as the person writes it ("12 March 2026", "12. März 2026"), the exact moment on hover. */
export function LongDate({ iso }: { iso: string }) {
  const { formatDate, formatDateTime } = useDates();
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatDate(iso)}
    </time>
  );
}
