import { Link } from 'react-router';
import '../../styles/page-parts.css';
import { reloadSubscriptions } from '../../actions/subscriptions-actions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { PageHeading } from '../../components/PageHeading';
import { T, useT } from '../../i18n/use-t';
import { useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import { SubscriptionCards } from './SubscriptionCards';

/** Every subscription on the account, and the way to add one. */
export function SubscriptionsScreen() {
  const api = useApi();
  const t = useT();
  useProtectionFeed(api, ['subscriptions']);
  const subscriptions = useProtectionStore((s) => s.subscriptions);
  const error = useProtectionStore((s) => s.errors.subscriptions);
  return (
    <>
      <PageHeading title={t('subscriptions.title')} />
      <p className="lead">
        <T id="subscriptions.lead" />
      </p>
      <p>
        <Link className="button button-primary" to={paths.activate}>
          <T id="subscriptions.activateKey" />
        </Link>
      </p>
      <SubscriptionCards
        subscriptions={subscriptions}
        error={error}
        headingLevel={2}
        onRetry={() => void reloadSubscriptions(api)}
      />
    </>
  );
}
