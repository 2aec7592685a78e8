import { useState } from 'react';
import '../../styles/protection.css';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';
import { paths } from '../../app/paths';
import { PageHeading } from '../../components/PageHeading';
import { RelativeTime } from '../../components/RelativeTime';
import { describeError } from '../../errors/messages';
import { formatDate } from '../../lib/dates';
import type { AppError } from '../../../../shared/errors';
import { refreshProtection, useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import { InvitationNotice } from './InvitationNotice';
import { RegisterPanel, type Registered } from './RegisterPanel';
import { SharesDisclosure } from './SharesDisclosure';
import { ThisComputerStatus } from './ThisComputerStatus';

/** This computer: its state, registering it, what it shares, and its last check with the service. */
export function ThisComputerScreen() {
  const api = useApi();
  useProtectionFeed(api, ['thisComputer', 'subscriptions']);
  const thisComputer = useProtectionStore((s) => s.thisComputer);
  const subscriptions = useProtectionStore((s) => s.subscriptions);
  const statusError = useProtectionStore((s) => s.errors.thisComputer);
  const [notice, setNotice] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<AppError | null>(null);

  const checkNow = async () => {
    if (checking) return;
    setChecking(true);
    setCheckError(null);
    setNotice(null);
    const result = await settle(() => api.thisComputer.check({}));
    setChecking(false);
    if (!result.ok) {
      setCheckError(result.error);
      return;
    }
    useProtectionStore.getState().thisComputerChanged(result.value);
    setNotice('Checked with Palisade just now.');
  };

  const registered = ({ state, movedFrom }: Registered) => {
    const until = state.protectedUntil ? ` until ${formatDate(state.protectedUntil)}` : '';
    setNotice(
      movedFrom
        ? `Protection moved from ${movedFrom.name} to this computer.`
        : `This computer is now protected${until}.`,
    );
  };

  const canRegister = thisComputer && (thisComputer.state === 'unregistered' || thisComputer.state === 'removed');

  return (
    <>
      <PageHeading title="This computer" />
      <InvitationNotice />
      {/* Always present, so a result announced after a state change is not lost with the form. */}
      <div role="status" className="notice-region">
        {notice && <p className="form-notice">{notice}</p>}
      </div>
      <ThisComputerStatus
        state={thisComputer}
        error={statusError}
        actions={false}
        onRetry={() => void refreshProtection(api, ['thisComputer'])}
      />

      {canRegister && subscriptions && (
        <section aria-labelledby="register-heading" className="page-section">
          <h2 id="register-heading">
            {thisComputer.state === 'removed' ? 'Register this computer again' : 'Protect this computer'}
          </h2>
          {subscriptions.some((s) => s.status !== 'expired') ? (
            <RegisterPanel thisComputer={thisComputer} subscriptions={subscriptions} onRegistered={registered} />
          ) : (
            <p>
              You need a subscription first. <Link to={paths.activate}>Activate a product key</Link>, then come back
              here.
            </p>
          )}
        </section>
      )}
      {thisComputer?.state === 'expired' && (
        <p className="page-section">
          <Link className="button button-primary" to={paths.activate}>
            Activate a product key
          </Link>
        </p>
      )}

      {thisComputer && thisComputer.state !== 'signedOut' && (
        <section aria-labelledby="check-heading" className="page-section">
          <h2 id="check-heading">Last check</h2>
          <p>
            {thisComputer.lastCheckedAt ? (
              <>
                Palisade last checked this computer’s protection with the service{' '}
                <RelativeTime iso={thisComputer.lastCheckedAt} />.
              </>
            ) : (
              'Palisade hasn’t checked this computer with the service yet.'
            )}{' '}
            It checks when it starts and every 6 hours.
          </p>
          {checkError && (
            <div role="alert" className="form-alert">
              <p>The check didn’t go through. {describeError(checkError)}</p>
            </div>
          )}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void checkNow()}
            aria-disabled={checking || undefined}
          >
            {checking && <span className="spinner" aria-hidden="true" />}
            Check now
          </button>
        </section>
      )}

      <section aria-labelledby="shares-heading" className="page-section">
        <h2 id="shares-heading" className="visually-hidden">
          Privacy
        </h2>
        <SharesDisclosure />
      </section>
    </>
  );
}
