import { useT } from '../i18n/use-t';

/**
 * "3 of 5 devices used" as words and a bar. The bar is a meter for assistive technology,
 * with the same words as its value, and is never the only cue.
 */
export function SeatMeter({ used, seats, label }: { used: number; seats: number; label: string }) {
  const t = useT();
  const text = t('common.seatsUsed', { used, seats });
  const full = used >= seats;
  return (
    <div className="seat-meter">
      <p className="seat-meter-text" aria-hidden="true">
        {text}
      </p>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={seats}
        aria-valuenow={Math.min(used, seats)}
        aria-valuetext={text}
        className="seat-meter-bar"
        data-full={full || undefined}
      >
        <span style={{ width: `${Math.min(100, (used / Math.max(1, seats)) * 100)}%` }} />
      </div>
    </div>
  );
}
