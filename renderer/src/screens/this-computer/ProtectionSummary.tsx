import { Link } from 'react-router';
import '../../styles/protection.css';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { refreshProtection, useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import { SubscriptionCards } from '../subscriptions/SubscriptionCards';
import { ThisComputerStatus } from './ThisComputerStatus';

/** The dashboard's body: this computer's protection first, then the subscriptions. */
export function ProtectionSummary() {
  const api = useApi();
  useProtectionFeed(api, ['thisComputer', 'subscriptions']);
  const thisComputer = useProtectionStore((s) => s.thisComputer);
  const subscriptions = useProtectionStore((s) => s.subscriptions);
  const errors = useProtectionStore((s) => s.errors);

  return (
    <div className="protection-summary">
      <ThisComputerStatus
        state={thisComputer}
        error={errors.thisComputer}
        onRetry={() => void refreshProtection(api, ['thisComputer'])}
      />
      <section aria-labelledby="dashboard-subscriptions" className="dashboard-section">
        <div className="section-heading">
          <h2 id="dashboard-subscriptions">Subscriptions</h2>
          {subscriptions && subscriptions.length > 0 && <Link to={paths.activate}>Activate a product key</Link>}
        </div>
        <SubscriptionCards
          subscriptions={subscriptions}
          error={errors.subscriptions}
          onRetry={() => void refreshProtection(api, ['subscriptions'])}
        />
      </section>
    </div>
  );
}
