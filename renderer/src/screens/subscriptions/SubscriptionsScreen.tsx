import { useState } from 'react';
import { Link } from 'react-router';
import '../../styles/page-parts.css';
import { reloadSubscriptions } from '../../actions/subscriptions-actions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { PageHeading } from '../../components/PageHeading';
import { T, useT } from '../../i18n/use-t';
import { useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import '../../styles/billing.css';
import { useBillingFeed } from '../billing/use-billing-feed';
import { RenewDialog } from './RenewDialog';
import { SubscriptionCards } from './SubscriptionCards';
import { UpgradeDialog } from './UpgradeDialog';

/** Every subscription on the account, and the way to add one. */
export function SubscriptionsScreen() {
  const api = useApi();
  const t = useT();
  useProtectionFeed(api, ['subscriptions']);
  const subscriptions = useProtectionStore((s) => s.subscriptions);
  const error = useProtectionStore((s) => s.errors.subscriptions);
  // The cards, for paying from the renew and upgrade dialogs.
  useBillingFeed();
  const [open, setOpen] = useState<{ kind: 'renew' | 'upgrade'; id: string } | null>(null);
  const openSubscription = subscriptions?.find((s) => s.id === open?.id);
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
        actions={{ renew: (s) => setOpen({ kind: 'renew', id: s.id }), upgrade: (s) => setOpen({ kind: 'upgrade', id: s.id }) }}
      />
      {openSubscription && open?.kind === 'renew' && (
        <RenewDialog subscription={openSubscription} onClose={() => setOpen(null)} />
      )}
      {openSubscription && open?.kind === 'upgrade' && (
        <UpgradeDialog subscription={openSubscription} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
