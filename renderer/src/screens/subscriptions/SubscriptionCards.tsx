import { useId, type ReactNode } from 'react';
import '../../styles/subscriptions.css';
import { Link } from 'react-router';
import type { Subscription } from '../../../../shared/api/subscriptions';
import type { AppError } from '../../../../shared/errors';
import { paths } from '../../app/paths';
import { LoadFallback } from '../../components/LoadFallback';
import { SeatMeter } from '../../components/SeatMeter';
import { T, useT } from '../../i18n/use-t';
import { daysUntil } from '../../lib/dates';
import { RenewalLine } from '../billing/RenewalLine';
import { LongDate } from './LongDate';
import { useSubscriptionName } from './subscription-name';

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/** One card per subscription, or the empty state that leads to activating a key. */
export function SubscriptionCards({
  subscriptions,
  error,
  onRetry,
  headingLevel = 3,
  actions,
}: {
  subscriptions: readonly Subscription[] | null;
  error: AppError | null;
  onRetry(): void;
  headingLevel?: 2 | 3;
  /** Renew now and Add more devices, where the screen offers them. */
  actions?: SubscriptionActions;
}) {
  const t = useT();
  if (!subscriptions) {
    return (
      <LoadFallback
        error={error}
        loading={t('subscriptions.loading')}
        failed={t('subscriptions.loadFailed')}
        onRetry={onRetry}
      />
    );
  }
  if (subscriptions.length === 0) {
    return (
      <div className="empty-state">
        <p>
          <T id="subscriptions.empty" values={{ link: (chunks) => <Link to={paths.activate}>{chunks}</Link> }} />
        </p>
      </div>
    );
  }
  return (
    <ul className="cards subscription-cards">
      {subscriptions.map((s) => (
        <li key={s.id}>
          <SubscriptionCard subscription={s} headingLevel={headingLevel} {...(actions && { actions })} />
        </li>
      ))}
    </ul>
  );
}

export interface SubscriptionActions {
  renew(subscription: Subscription): void;
  upgrade(subscription: Subscription): void;
}

export function SubscriptionCard({
  subscription: s,
  headingLevel = 3,
  actions,
}: {
  subscription: Subscription;
  headingLevel?: 2 | 3;
  actions?: SubscriptionActions;
}) {
  const id = useId();
  const t = useT();
  const nameOf = useSubscriptionName();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const days = daysUntil(s.expiresAt);
  const date = <LongDate iso={s.expiresAt} />;
  return (
    <article className="card subscription-card" data-status={s.status} aria-labelledby={`${id}-plan`}>
      <Heading id={`${id}-plan`}>{s.planName}</Heading>
      {/* Two subscriptions of one plan differ in when they started and the key they came from. */}
      <p className="subscription-origin">
        <T id="subscriptions.card.since" values={{ date: <LongDate iso={s.startsAt} /> }} />
      </p>
      {s.keyLastGroup && (
        <p className="subscription-origin">
          <T
            id="subscriptions.card.keyEnding"
            values={{ group: <span className="product-key-group">{s.keyLastGroup}</span> }}
          />{' '}
          <T id="subscriptions.card.keyAdvice" />
        </p>
      )}
      <SeatMeter used={s.seatsUsed} seats={s.seats} label={t('subscriptions.card.seatsLabel', { plan: s.planName })} />
      {s.status === 'expired' ? (
        <p className="subscription-expired">
          <T id="subscriptions.card.expired" values={{ strong, date }} />
        </p>
      ) : (
        <>
          <p>
            <T id="billing.card.daysLeft" values={{ days }} />
          </p>
          {/* "Renews on 3 March with Visa ••4242" or "Ends on 3 March": the renewal state in plain words. */}
          <RenewalLine subscription={s} />
        </>
      )}
      {s.status === 'expiring' && (
        <p className="subscription-warning">
          <T
            id={s.autoRenew ? 'subscriptions.card.expiringRenews' : 'subscriptions.card.expiringEnds'}
            values={{ strong, days }}
          />
        </p>
      )}
      {s.status !== 'active' && !s.autoRenew && (
        <p className="card-actions">
          <Link to={paths.activate}>
            <T id="subscriptions.activateKey" />
          </Link>
        </p>
      )}
      {actions && (
        <div className="button-row card-actions">
          <button
            type="button"
            className="button button-primary button-small"
            aria-label={t('billing.renew.buttonLabel', { subscription: nameOf(s) })}
            onClick={() => actions.renew(s)}
          >
            <T id="billing.renew.button" />
          </button>
          {s.status !== 'expired' && s.plan !== 'max' && (
            <button
              type="button"
              className="button button-secondary button-small"
              aria-label={t('billing.upgrade.buttonLabel', { subscription: nameOf(s) })}
              onClick={() => actions.upgrade(s)}
            >
              <T id="billing.upgrade.button" />
            </button>
          )}
        </div>
      )}
    </article>
  );
}
