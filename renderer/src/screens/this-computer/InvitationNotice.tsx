import { useEffect, useState } from 'react';
import type { DevicePlatform } from '../../../../shared/api/devices';
import type { AppError } from '../../../../shared/errors';
import { acceptPendingInvitation } from '../../actions/this-computer-actions';
import { useApi } from '../../api/api-context';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { useInvitationStore } from '../../stores/invitation-store';
import { usePlatformName } from '../devices/platform-names';

/** The service says TOKEN_INVALID for a used, expired or unknown invitation alike. */
const spent = (error: AppError) => error.code === 'TOKEN_INVALID';

type Outcome = { ok: true; platform: DevicePlatform } | { ok: false; error: AppError };

/**
 * Spends an invitation this computer was opened with (palisade://install?token=…, or pasted
 * into "I have an invitation link") and says what comes next: protecting it, in the form
 * below on This computer.
 */
export function InvitationNotice() {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const platformName = usePlatformName();
  const pending = useInvitationStore((s) => s.token);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    if (pending === null) return;
    void acceptPendingInvitation(api).then((result) => {
      if (result)
        setOutcome(result.ok ? { ok: true, platform: result.value.platform } : { ok: false, error: result.error });
    });
  }, [api, pending]);

  if (!outcome) return null;
  return outcome.ok ? (
    <div role="status" className="form-notice">
      <p>
        <T id="thisComputer.invitation.accepted" values={{ platform: platformName(outcome.platform) }} />
      </p>
    </div>
  ) : (
    <div role="alert" className="form-alert">
      <p>
        {t('thisComputer.invitation.failed')}{' '}
        {spent(outcome.error) ? t('thisComputer.invitation.spent') : describeError(outcome.error)}
      </p>
    </div>
  );
}
