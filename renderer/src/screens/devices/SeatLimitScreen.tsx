import { useState } from 'react';
import '../../styles/protection.css';
import { Link } from 'react-router';
import { seatLimitDetailsSchema, type Device } from '../../../../shared/api/devices';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';
import { paths } from '../../app/paths';
import { LoadFallback } from '../../components/LoadFallback';
import { PageHeading } from '../../components/PageHeading';
import { SeatMeter } from '../../components/SeatMeter';
import { describeError } from '../../errors/messages';
import { formatDate } from '../../lib/dates';
import {
  activeDevicesByOldestActivity,
  refreshProtection,
  useProtectionFeed,
  useProtectionStore,
} from '../../stores/protection-store';
import { RegisterPanel, type Registered } from '../this-computer/RegisterPanel';
import { SeatLimitPanel } from './SeatLimitPanel';

/**
 * The seat-limit flow on its own, reached from Devices: see a plan's devices, oldest
 * activity first, free a seat, and — when this computer has none — take it at once.
 */
export function SeatLimitScreen() {
  const api = useApi();
  useProtectionFeed(api, ['thisComputer', 'subscriptions', 'devices']);
  const thisComputer = useProtectionStore((s) => s.thisComputer);
  const subscriptions = useProtectionStore((s) => s.subscriptions);
  const devices = useProtectionStore((s) => s.devices);
  const errors = useProtectionStore((s) => s.errors);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [retryDevices, setRetryDevices] = useState<Device[] | null>(null);

  const loadError = errors.thisComputer ?? errors.subscriptions ?? errors.devices;
  const ready = thisComputer && subscriptions && devices;
  const needsSeat = thisComputer?.state !== 'protected';
  const title = needsSeat || done ? 'Make room for this computer' : 'Manage seats';
  const usable = subscriptions?.filter((s) => s.status !== 'expired') ?? [];
  const subscription = usable.find((s) => s.id === chosenId) ?? usable.find((s) => s.seatsUsed >= s.seats) ?? usable[0];
  const thisName = thisComputer?.device?.name ?? thisComputer?.suggestedName ?? 'this computer';

  const registered = ({ state, movedFrom }: Registered) => {
    const until = state.protectedUntil ? ` until ${formatDate(state.protectedUntil)}` : '';
    setDone(
      movedFrom
        ? `Protection moved from ${movedFrom.name} to this computer.`
        : `This computer is now protected${until}.`,
    );
  };

  /** After a seat was freed: take it for this computer straight away, under its current name. */
  const registerHere = async (freed: Device) => {
    if (!needsSeat || !subscription) {
      setNotice(`${freed.name} was deactivated; its seat is free.`);
      return;
    }
    setError(null);
    const result = await settle(() => api.thisComputer.register({ name: thisName, subscriptionId: subscription.id }));
    if (result.ok) {
      useProtectionStore.getState().thisComputerChanged(result.value);
      registered({ state: result.value });
      return;
    }
    if (result.error.code === 'SEAT_LIMIT_REACHED') {
      // Someone took the seat first: show the plan as it is now.
      const details = seatLimitDetailsSchema.safeParse(result.error.details);
      if (details.success) setRetryDevices(activeDevicesByOldestActivity(details.data.devices));
    }
    setError(result.error);
  };

  return (
    <>
      <PageHeading title={title} />
      <p className="lead">
        Each subscription protects a set number of devices. Free a seat from a device you no longer use
        {needsSeat ? ', and this computer takes it.' : '.'}
      </p>
      <div role="status" className="notice-region">
        {(done ?? notice) && <p className="form-notice">{done ?? notice}</p>}
      </div>

      {done ? (
        <div className="button-row">
          <Link className="button button-primary" to={paths.thisComputer}>
            See this computer
          </Link>
          <Link className="button button-secondary" to={paths.devices}>
            Back to devices
          </Link>
        </div>
      ) : !ready ? (
        <LoadFallback
          error={loadError}
          loading="Loading your subscriptions and devices…"
          onRetry={() => void refreshProtection(api)}
        />
      ) : !subscription ? (
        <p>
          You have no subscription that can protect a device. <Link to={paths.activate}>Activate a product key</Link>.
        </p>
      ) : (
        <>
          {usable.length > 1 && (
            <fieldset className="choice-group">
              <legend>Subscription</legend>
              {usable.map((s) => (
                <div key={s.id} className="field-check">
                  <input
                    type="radio"
                    id={`seat-sub-${s.id}`}
                    name="seat-subscription"
                    checked={subscription.id === s.id}
                    onChange={() => setChosenId(s.id)}
                  />
                  <label htmlFor={`seat-sub-${s.id}`}>{s.planName}</label>
                </div>
              ))}
            </fieldset>
          )}
          <section aria-labelledby="seat-plan" className="page-section">
            <h2 id="seat-plan">{subscription.planName}</h2>
            <SeatMeter
              used={subscription.seatsUsed}
              seats={subscription.seats}
              label={`Devices used on ${subscription.planName}`}
            />
            {error && (
              <div role="alert" className="form-alert">
                <p>{describeError(error)}</p>
              </div>
            )}
            {needsSeat && subscription.seatsUsed < subscription.seats ? (
              <>
                <p>There is a free seat on this plan, so this computer can take it now.</p>
                <RegisterPanel
                  thisComputer={thisComputer}
                  subscriptions={subscriptions}
                  subscriptionId={subscription.id}
                  onRegistered={registered}
                />
              </>
            ) : (
              <SeatLimitPanel
                key={subscription.id}
                devices={retryDevices ?? activeDevicesByOldestActivity(devices, subscription.id)}
                thisName={thisName}
                mode={needsSeat ? 'register' : 'free'}
                onFreed={registerHere}
                onMoved={(state, from) => registered({ state, movedFrom: from })}
              />
            )}
          </section>
        </>
      )}
    </>
  );
}
