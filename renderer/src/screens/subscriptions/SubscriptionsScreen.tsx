import { Link } from 'react-router';
import '../../styles/protection.css';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { PageHeading } from '../../components/PageHeading';
import { refreshProtection, useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import { SubscriptionCards } from './SubscriptionCards';

/** Every subscription on the account, and the way to add one. */
export function SubscriptionsScreen() {
  const api = useApi();
  useProtectionFeed(api, ['subscriptions']);
  const subscriptions = useProtectionStore((s) => s.subscriptions);
  const error = useProtectionStore((s) => s.errors.subscriptions);
  return (
    <>
      <PageHeading title="Subscriptions" />
      <p className="lead">Your plans, how many devices each protects, and when they end.</p>
      <p>
        <Link className="button button-primary" to={paths.activate}>
          Activate a product key
        </Link>
      </p>
      <SubscriptionCards
        subscriptions={subscriptions}
        error={error}
        headingLevel={2}
        onRetry={() => void refreshProtection(api, ['subscriptions'])}
      />
    </>
  );
}
