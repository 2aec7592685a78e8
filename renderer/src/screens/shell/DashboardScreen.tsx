import { useState } from 'react';
import { PageHeading } from '../../components/PageHeading';
import { ProtectionSummary } from '../this-computer/ProtectionSummary';
import { greetingFor } from '../../lib/greeting';
import { selectUser, useSessionStore } from '../../stores/session-store';

export function DashboardScreen() {
  const user = useSessionStore(selectUser);
  const [greeting] = useState(() => greetingFor(new Date().getHours()));
  return (
    <>
      <PageHeading title="Dashboard">{user ? `${greeting}, ${user.name}` : greeting}</PageHeading>
      <p className="lead">Here is how your Palisade account looks today.</p>
      <ProtectionSummary />
    </>
  );
}
