import { useState } from 'react';
import { PageHeading } from '../../components/PageHeading';
import { T, useFormat, useT } from '../../i18n/use-t';
import { ProtectionSummary } from '../this-computer/ProtectionSummary';
import { greetingFor } from '../../lib/greeting';
import { selectUser, useSessionStore } from '../../stores/session-store';

export function DashboardScreen() {
  const t = useT();
  const intl = useFormat();
  const user = useSessionStore(selectUser);
  // The hour is read once, so the greeting does not change under the reader.
  const [hour] = useState(() => new Date().getHours());
  return (
    <>
      <PageHeading title={t('shell.nav.dashboard')}>{greetingFor(intl, hour, user?.name)}</PageHeading>
      <p className="lead">
        <T id="shell.dashboard.lead" />
      </p>
      <ProtectionSummary />
    </>
  );
}
