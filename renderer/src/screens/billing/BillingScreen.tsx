import '../../styles/page-parts.css';
import '../../styles/subscriptions.css';
import '../../styles/billing.css';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { T, useT } from '../../i18n/use-t';
import { useProtectionFeed } from '../../stores/protection-store';
import { useBillingFeed } from './use-billing-feed';
import { AutoRenewSection } from './AutoRenewSection';
import { InvoicesSection } from './InvoicesSection';
import { PaymentMethodsSection } from './PaymentMethodsSection';

/** Cards, automatic renewal per subscription, and invoices. */
export function BillingScreen() {
  const api = useApi();
  const t = useT();
  useBillingFeed();
  useProtectionFeed(api, ['subscriptions']);
  return (
    <>
      <PageHeading title={t('billing.title')} />
      <p className="lead">
        <T id="billing.lead" />
      </p>
      <PaymentMethodsSection />
      <AutoRenewSection />
      <InvoicesSection />
    </>
  );
}
