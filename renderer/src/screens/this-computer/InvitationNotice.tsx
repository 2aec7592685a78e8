import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';
import { describeError } from '../../errors/messages';
import type { AppError } from '../../../../shared/errors';
import { type DevicePlatform, platformNames } from '../../../../shared/api/devices';
import { useInvitationStore } from '../../stores/invitation-store';

type Outcome = { ok: true; platform: DevicePlatform } | { ok: false; error: AppError };

/**
 * Spends an invitation this computer was opened with (palisade://install?token=…) and says
 * what comes next: registering it, in the form below on This computer.
 */
export function InvitationNotice() {
  const api = useApi();
  const pending = useInvitationStore((s) => s.token);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    if (pending === null) return;
    const token = useInvitationStore.getState().take();
    if (token === null) return;
    void settle(() => api.devices.acceptInvitation({ token })).then((result) =>
      setOutcome(result.ok ? { ok: true, platform: result.value.platform } : { ok: false, error: result.error }),
    );
  }, [api, pending]);

  if (!outcome) return null;
  return outcome.ok ? (
    <div role="status" className="form-notice">
      <p>
        Invitation accepted. It was sent for a {platformNames[outcome.platform]} device — protect this computer below to
        take its seat.
      </p>
    </div>
  ) : (
    <div role="alert" className="form-alert">
      <p>That invitation link didn’t work. {describeError(outcome.error)}</p>
    </div>
  );
}
