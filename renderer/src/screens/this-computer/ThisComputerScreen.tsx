import { useState } from 'react';
import '../../styles/page-parts.css';
import { Link } from 'react-router';
import type { AppError } from '../../../../shared/errors';
import { checkThisComputer, reloadThisComputer } from '../../actions/this-computer-actions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { PageHeading } from '../../components/PageHeading';
import { RelativeTime } from '../../components/RelativeTime';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import { InvitationLinkDialog } from './InvitationLinkDialog';
import { InvitationNotice } from './InvitationNotice';
import { RegisterPanel, type Registered } from './RegisterPanel';
import { useRegisteredNotice } from './registered-notice';
import { SharesDisclosure } from './SharesDisclosure';
import { ThisComputerStatus } from './ThisComputerStatus';

/** This computer: its state, registering it, what it shares, and its last check with the service. */
export function ThisComputerScreen() {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const registeredNotice = useRegisteredNotice();
  useProtectionFeed(api, ['thisComputer', 'subscriptions']);
  const thisComputer = useProtectionStore((s) => s.thisComputer);
  const subscriptions = useProtectionStore((s) => s.subscriptions);
  const statusError = useProtectionStore((s) => s.errors.thisComputer);
  const [notice, setNotice] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<AppError | null>(null);
  const [pastingLink, setPastingLink] = useState(false);

  const checkNow = async () => {
    if (checking) return;
    setChecking(true);
    setCheckError(null);
    setNotice(null);
    const result = await checkThisComputer(api);
    setChecking(false);
    if (result.ok) setNotice(t('thisComputer.checkedNow'));
    else setCheckError(result.error);
  };

  const registered = (result: Registered) => setNotice(registeredNotice(result));

  const canRegister = thisComputer && (thisComputer.state === 'unregistered' || thisComputer.state === 'removed');

  return (
    <>
      <PageHeading title={t('thisComputer.title')} />
      <InvitationNotice />
      {/* Always present, so a result announced after a state change is not lost with the form. */}
      <div role="status" className="notice-region">
        {notice && <p className="form-notice">{notice}</p>}
      </div>
      <ThisComputerStatus
        state={thisComputer}
        error={statusError}
        actions={false}
        onRetry={() => void reloadThisComputer(api)}
      />

      {canRegister && subscriptions && (
        <section aria-labelledby="register-heading" className="page-section">
          <h2 id="register-heading">
            <T id={thisComputer.state === 'removed' ? 'thisComputer.protectAgain' : 'thisComputer.protect'} />
          </h2>
          {subscriptions.some((s) => s.status !== 'expired') ? (
            <RegisterPanel thisComputer={thisComputer} subscriptions={subscriptions} onRegistered={registered} />
          ) : (
            <p>
              <T
                id="thisComputer.needSubscription"
                values={{ link: (chunks) => <Link to={paths.activate}>{chunks}</Link> }}
              />
            </p>
          )}
          <p className="page-section">
            <button type="button" className="button button-secondary" onClick={() => setPastingLink(true)}>
              <T id="thisComputer.invitationLink.title" />
            </button>
          </p>
        </section>
      )}
      {pastingLink && <InvitationLinkDialog onClose={() => setPastingLink(false)} />}
      {thisComputer?.state === 'expired' && (
        <p className="page-section">
          <Link className="button button-primary" to={paths.activate}>
            <T id="subscriptions.activateKey" />
          </Link>
        </p>
      )}

      {thisComputer && thisComputer.state !== 'signedOut' && (
        <section aria-labelledby="check-heading" className="page-section">
          <h2 id="check-heading">
            <T id="thisComputer.lastCheck.title" />
          </h2>
          <p>
            {thisComputer.lastCheckedAt ? (
              <T
                id="thisComputer.lastCheck.when"
                values={{ when: <RelativeTime iso={thisComputer.lastCheckedAt} /> }}
              />
            ) : (
              <T id="thisComputer.lastCheck.never" />
            )}
          </p>
          {checkError && (
            <div role="alert" className="form-alert">
              <p>
                {t('thisComputer.lastCheck.failed')} {describeError(checkError)}
              </p>
            </div>
          )}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void checkNow()}
            aria-disabled={checking || undefined}
          >
            {checking && <span className="spinner" aria-hidden="true" />}
            <T id="thisComputer.lastCheck.checkNow" />
          </button>
        </section>
      )}

      <section aria-labelledby="shares-heading" className="page-section">
        <h2 id="shares-heading" className="visually-hidden">
          <T id="thisComputer.privacy" />
        </h2>
        <SharesDisclosure />
      </section>
    </>
  );
}
