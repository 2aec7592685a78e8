import { useId } from 'react';
import { Link } from 'react-router';
import type { Subscription } from '../../../../shared/api/subscriptions';
import type { AppError } from '../../../../shared/errors';
import { paths } from '../../app/paths';
import { LoadFallback } from '../../components/LoadFallback';
import { SeatMeter } from '../../components/SeatMeter';
import { daysUntil, formatDate, formatDateTime, plural } from '../../lib/dates';

/** One card per subscription, or the empty state that leads to activating a key. */
export function SubscriptionCards({
  subscriptions,
  error,
  onRetry,
  headingLevel = 3,
}: {
  subscriptions: readonly Subscription[] | null;
  error: AppError | null;
  onRetry(): void;
  headingLevel?: 2 | 3;
}) {
  if (!subscriptions) {
    return (
      <LoadFallback
        error={error}
        loading="Loading your subscriptions…"
        failed="We couldn’t load your subscriptions."
        onRetry={onRetry}
      />
    );
  }
  if (subscriptions.length === 0) {
    return (
      <div className="empty-state">
        <p>
          No subscription yet — <Link to={paths.activate}>activate a product key</Link> to protect your devices.
        </p>
      </div>
    );
  }
  return (
    <ul className="cards subscription-cards">
      {subscriptions.map((s) => (
        <li key={s.id}>
          <SubscriptionCard subscription={s} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}

export function SubscriptionCard({
  subscription: s,
  headingLevel = 3,
}: {
  subscription: Subscription;
  headingLevel?: 2 | 3;
}) {
  const id = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const days = daysUntil(s.expiresAt);
  const until = (
    <time dateTime={s.expiresAt} title={formatDateTime(s.expiresAt)}>
      {formatDate(s.expiresAt)}
    </time>
  );
  return (
    <article className="card subscription-card" data-status={s.status} aria-labelledby={`${id}-plan`}>
      <Heading id={`${id}-plan`}>{s.planName}</Heading>
      <SeatMeter used={s.seatsUsed} seats={s.seats} label={`Devices used on ${s.planName}`} />
      {s.status === 'expired' ? (
        <p className="subscription-expired">
          <strong>Expired</strong> on {until}. Devices on it are no longer protected.
        </p>
      ) : (
        <p>
          {plural(days, 'day')} left · {s.autoRenew ? 'renews' : 'ends'} on {until}
        </p>
      )}
      {s.status === 'expiring' && (
        <p className="subscription-warning">
          <strong>Expiring soon:</strong>{' '}
          {s.autoRenew
            ? `it renews in ${plural(days, 'day')}.`
            : `renew within ${plural(days, 'day')} to stay protected.`}
        </p>
      )}
      {s.status !== 'active' && !s.autoRenew && (
        <p className="card-actions">
          <Link to={paths.activate}>Activate a product key</Link>
        </p>
      )}
    </article>
  );
}
