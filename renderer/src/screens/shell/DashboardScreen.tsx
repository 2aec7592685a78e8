import { useState } from 'react';
import { PageHeading } from '../../components/PageHeading';
import { greetingFor } from '../../lib/greeting';
import { selectUser, useSessionStore } from '../../stores/session-store';

export function DashboardScreen() {
  const user = useSessionStore(selectUser);
  const [greeting] = useState(() => greetingFor(new Date().getHours()));
  return (
    <>
      <PageHeading title="Dashboard">{user ? `${greeting}, ${user.name}` : greeting}</PageHeading>
      <p className="lead">Here is how your Palisade account looks today.</p>
      <div className="cards">
        <section className="card" aria-labelledby="card-protection">
          <h2 id="card-protection">Protection</h2>
          <p>Soon you’ll see here whether this computer is protected, and until when.</p>
          <p className="card-tag">Coming soon</p>
        </section>
        <section className="card" aria-labelledby="card-subscriptions">
          <h2 id="card-subscriptions">Subscriptions</h2>
          <p>Soon you’ll see your plans, their seats and renewal dates here.</p>
          <p className="card-tag">Coming soon</p>
        </section>
      </div>
    </>
  );
}
