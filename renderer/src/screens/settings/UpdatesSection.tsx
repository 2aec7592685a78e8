import { useEffect, useState } from 'react';
import type { UpdateStatus } from '../../../../shared/contract/updates';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';
import { T } from '../../i18n/use-t';
import { UpdateModeChoice } from './UpdateModeChoice';

/**
 * Settings → Updates: whether a newer Palisade is out, from the service's update feed (the
 * desktop app's updater reads the same one). A live region, so the answer is announced.
 * Below it, how Palisade updates itself.
 */
export function UpdatesSection() {
  const api = useApi();
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  useEffect(() => {
    let current = true;
    void settle(() => api.updates.status({})).then((result) => {
      if (current) setStatus(result.ok ? result.value : { state: 'unknown', version: null });
    });
    return () => {
      current = false;
    };
  }, [api]);

  return (
    <section className="settings-group" aria-labelledby="updates-heading">
      <h2 id="updates-heading">
        <T id="updates.heading" />
      </h2>
      <p role="status">
        {status?.state === 'available' && <T id="updates.available" values={{ version: status.version ?? '' }} />}
        {status?.state === 'ready' && <T id="updates.ready" values={{ version: status.version ?? '' }} />}
        {status?.state === 'upToDate' && <T id="updates.upToDate" />}
        {status?.state === 'unknown' && <T id="updates.unknown" />}
      </p>
      <UpdateModeChoice />
    </section>
  );
}
