import { Link } from 'react-router';
import '../../styles/this-computer.css';
import '../../styles/page-parts.css';
import { reloadSubscriptions } from '../../actions/subscriptions-actions';
import { reloadThisComputer } from '../../actions/this-computer-actions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { T } from '../../i18n/use-t';
import { useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
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
        onRetry={() => void reloadThisComputer(api)}
      />
      <section aria-labelledby="dashboard-subscriptions" className="dashboard-section">
        <div className="section-heading">
          <h2 id="dashboard-subscriptions">
            <T id="subscriptions.title" />
          </h2>
          {subscriptions && subscriptions.length > 0 && (
            <Link to={paths.activate}>
              <T id="subscriptions.activateKey" />
            </Link>
          )}
        </div>
        <SubscriptionCards
          subscriptions={subscriptions}
          error={errors.subscriptions}
          onRetry={() => void reloadSubscriptions(api)}
        />
      </section>
    </div>
  );
}
