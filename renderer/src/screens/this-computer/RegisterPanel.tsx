import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { deviceNameSchema, seatLimitDetailsSchema, type Device } from '../../../../shared/api/devices';
import type { Subscription } from '../../../../shared/api/subscriptions';
import type { ThisComputerState } from '../../../../shared/contract/this-computer';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { describeError } from '../../errors/messages';
import { fieldErrors } from '../../errors/field-errors';
import { activeDevicesByOldestActivity, refreshProtection, useProtectionStore } from '../../stores/protection-store';
import { SeatLimitPanel } from '../devices/SeatLimitPanel';

export interface Registered {
  state: ThisComputerState;
  /** Set when protection was moved here from another device instead. */
  movedFrom?: Device;
}

export interface RegisterPanelProps {
  thisComputer: ThisComputerState;
  subscriptions: readonly Subscription[];
  /** Take a seat on this subscription (e.g. the one just activated); otherwise the person picks, or the service does. */
  subscriptionId?: string;
  onRegistered(result: Registered): void;
  /** Put the caret in the name field at once (when the panel replaces the button that opened it). */
  focusOnMount?: boolean;
}

interface SeatLimit {
  devices: Device[];
  subscription: Subscription | undefined;
}

/**
 * "Protect this computer": a name (the host name to start with), a subscription when there
 * is a choice, and one button. When the plan is full it turns into the seat-limit flow in
 * place, and carries on registering once a seat is free.
 */
export function RegisterPanel({
  thisComputer,
  subscriptions,
  subscriptionId,
  onRegistered,
  focusOnMount = false,
}: RegisterPanelProps) {
  const api = useApi();
  const alertId = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const usable = subscriptions.filter((s) => s.status !== 'expired');
  const [name, setName] = useState(thisComputer.device?.name ?? thisComputer.suggestedName);
  const [chosen, setChosen] = useState<string | undefined>(
    subscriptionId ?? (usable.length > 1 ? (usable.find((s) => s.seatsUsed < s.seats) ?? usable[0])?.id : undefined),
  );
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [pending, setPending] = useState(false);
  const [seatLimit, setSeatLimit] = useState<SeatLimit | null>(null);

  useEffect(() => {
    if (focusOnMount) nameRef.current?.focus();
  }, [focusOnMount]);

  const register = async (): Promise<void> => {
    const parsed = deviceNameSchema.safeParse(name);
    if (!parsed.success) {
      setNameError(parsed.error.issues[0]?.message ?? 'Enter a name for this computer.');
      nameRef.current?.focus();
      return;
    }
    setNameError(null);
    setError(null);
    setPending(true);
    const result = await settle(() =>
      api.thisComputer.register({ name: parsed.data, ...(chosen !== undefined && { subscriptionId: chosen }) }),
    );
    setPending(false);
    if (result.ok) {
      setSeatLimit(null);
      useProtectionStore.getState().thisComputerChanged(result.value);
      void refreshProtection(api, ['devices', 'subscriptions']);
      onRegistered({ state: result.value });
      return;
    }
    if (result.error.code === 'SEAT_LIMIT_REACHED') {
      const details = seatLimitDetailsSchema.safeParse(result.error.details);
      const devices = activeDevicesByOldestActivity(details.success ? details.data.devices : []);
      const planId = chosen ?? devices[0]?.subscriptionId;
      setSeatLimit({ devices, subscription: subscriptions.find((s) => s.id === planId) });
      return;
    }
    setError(result.error);
    const fields = fieldErrors(result.error);
    if (fields.name) setNameError(fields.name);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) void register();
  };

  const seatHeadingId = `${alertId}-seats`;
  return (
    <div className="register-panel">
      <form className="form" onSubmit={submit} noValidate aria-label="Protect this computer">
        <TextField
          label="Name for this computer"
          hint="How it appears in your list of devices."
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={nameError ?? undefined}
          alertId={error ? alertId : undefined}
          inputRef={nameRef}
          autoComplete="off"
          maxLength={128}
        />
        {usable.length > 1 && subscriptionId === undefined && (
          <fieldset className="choice-group">
            <legend>Which subscription should protect it?</legend>
            {usable.map((s) => (
              <div key={s.id} className="field-check">
                <input
                  type="radio"
                  id={`${alertId}-${s.id}`}
                  name="register-subscription"
                  checked={chosen === s.id}
                  onChange={() => setChosen(s.id)}
                />
                <label htmlFor={`${alertId}-${s.id}`}>
                  {s.planName} — {s.seatsUsed} of {s.seats} devices used
                </label>
              </div>
            ))}
          </fieldset>
        )}
        {error && (
          <FormAlert id={alertId}>
            <p>{describeError(error)}</p>
          </FormAlert>
        )}
        <div className="button-row">
          <SubmitButton pending={pending}>Protect this computer</SubmitButton>
        </div>
      </form>

      {seatLimit && (
        <section className="seat-limit-section" aria-labelledby={seatHeadingId}>
          <h2 id={seatHeadingId}>Your plan is full</h2>
          <p role="alert">
            {seatLimit.subscription
              ? `${seatLimit.subscription.planName} already protects ${seatLimit.subscription.seats} of ${seatLimit.subscription.seats} devices.`
              : 'Your subscription already protects as many devices as it allows.'}{' '}
            Free a seat from a device you no longer use, or move its protection here. The devices least recently active
            are first.
          </p>
          <SeatLimitPanel
            devices={seatLimit.devices}
            thisName={name.trim() || thisComputer.suggestedName}
            mode="register"
            onFreed={() => register()}
            onMoved={(state, from) => {
              setSeatLimit(null);
              onRegistered({ state, movedFrom: from });
            }}
          />
        </section>
      )}
    </div>
  );
}
