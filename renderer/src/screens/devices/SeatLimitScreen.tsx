import { useState } from 'react';
import '../../styles/page-parts.css';
import { Link } from 'react-router';
import type { Device } from '../../../../shared/api/devices';
import type { AppError } from '../../../../shared/errors';
import { devicesHoldingSeats, reloadDevices } from '../../actions/devices-actions';
import { registerThisComputer, seatLimitDevices } from '../../actions/this-computer-actions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { LoadFallback } from '../../components/LoadFallback';
import { PageHeading } from '../../components/PageHeading';
import { SeatMeter } from '../../components/SeatMeter';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import { RegisterPanel, type Registered } from '../this-computer/RegisterPanel';
import { useRegisteredNotice } from '../this-computer/registered-notice';
import { SeatLimitPanel } from './SeatLimitPanel';
import { useSubscriptionName } from '../subscriptions/subscription-name';

/**
 * The seat-limit flow on its own, reached from Devices: see a plan's devices, deactivate
 * one, and — when this computer has no seat — take its seat at once.
 */
export function SeatLimitScreen() {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const registeredNotice = useRegisteredNotice();
  const nameOf = useSubscriptionName();
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
  const title = t(needsSeat || done ? 'devices.makeRoom' : 'devices.manageSeats');
  const usable = subscriptions?.filter((s) => s.status !== 'expired') ?? [];
  // Unless one is chosen: a full one, else one with devices (a key added separately starts empty).
  const subscription =
    usable.find((s) => s.id === chosenId) ??
    usable.find((s) => s.seatsUsed >= s.seats) ??
    usable.find((s) => s.seatsUsed > 0) ??
    usable[0];
  const thisName = thisComputer?.device?.name ?? thisComputer?.suggestedName ?? t('thisComputer.fallbackName');

  const registered = (result: Registered) => setDone(registeredNotice(result));

  /** After a device was deactivated: take its seat for this computer straight away, under its current name. */
  const registerHere = async (freed: Device) => {
    if (!needsSeat || !subscription) {
      setNotice(t('devices.deactivated', { name: freed.name }));
      return;
    }
    setError(null);
    const result = await registerThisComputer(api, { name: thisName, subscriptionId: subscription.id });
    if (result.ok) {
      registered({ state: result.value });
      return;
    }
    // Someone took the seat first: show the plan as the service sees it now.
    const plan = seatLimitDevices(result.error);
    if (plan) setRetryDevices(plan);
    setError(result.error);
  };

  return (
    <>
      <PageHeading title={title} />
      <p className="lead">
        <T id={needsSeat ? 'devices.seatLimit.leadForHere' : 'devices.seatLimit.lead'} />
      </p>
      <div role="status" className="notice-region">
        {(done ?? notice) && <p className="form-notice">{done ?? notice}</p>}
      </div>

      {done ? (
        <div className="button-row">
          <Link className="button button-primary" to={paths.thisComputer}>
            <T id="devices.seatLimit.seeThisComputer" />
          </Link>
          <Link className="button button-secondary" to={paths.devices}>
            <T id="devices.seatLimit.backToDevices" />
          </Link>
        </div>
      ) : !ready ? (
        <LoadFallback
          error={loadError}
          loading={t('devices.seatLimit.loading')}
          onRetry={() => void reloadDevices(api, ['thisComputer', 'subscriptions', 'devices'])}
        />
      ) : !subscription ? (
        <p>
          <T
            id="devices.seatLimit.noSubscription"
            values={{ link: (chunks) => <Link to={paths.activate}>{chunks}</Link> }}
          />
        </p>
      ) : (
        <>
          {usable.length > 1 && (
            <fieldset className="choice-group">
              <legend>
                <T id="devices.seatLimit.subscriptionLegend" />
              </legend>
              {usable.map((s) => (
                <div key={s.id} className="field-check">
                  <input
                    type="radio"
                    id={`seat-sub-${s.id}`}
                    name="seat-subscription"
                    checked={subscription.id === s.id}
                    onChange={() => setChosenId(s.id)}
                  />
                  <label htmlFor={`seat-sub-${s.id}`}>{nameOf(s)}</label>
                </div>
              ))}
            </fieldset>
          )}
          <section aria-labelledby="seat-plan" className="page-section">
            <h2 id="seat-plan">{subscription.planName}</h2>
            <SeatMeter
              used={subscription.seatsUsed}
              seats={subscription.seats}
              label={t('subscriptions.card.seatsLabel', { plan: subscription.planName })}
            />
            {error && (
              <div role="alert" className="form-alert">
                <p>{describeError(error)}</p>
              </div>
            )}
            {needsSeat && subscription.seatsUsed < subscription.seats ? (
              <>
                <p>
                  <T id="devices.seatLimit.freeSeat" />
                </p>
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
                devices={retryDevices ?? devicesHoldingSeats(devices, subscription.id)}
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
