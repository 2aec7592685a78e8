import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import '../../styles/this-computer.css';
import type { Device } from '../../../../shared/api/devices';
import type { Subscription } from '../../../../shared/api/subscriptions';
import type { ThisComputerState } from '../../../../shared/contract/this-computer';
import type { AppError } from '../../../../shared/errors';
import { registerThisComputer, seatLimitDevices } from '../../actions/this-computer-actions';
import { useApi } from '../../api/api-context';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { useDescribeError } from '../../errors/messages';
import { useFieldErrors } from '../../errors/field-errors';
import { T, useT } from '../../i18n/use-t';
import { useDeviceNameProblem } from '../devices/device-name';
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
  const t = useT();
  const describeError = useDescribeError();
  const nameProblem = useDeviceNameProblem();
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
  const serviceNameError = useFieldErrors(error).name;

  useEffect(() => {
    if (focusOnMount) nameRef.current?.focus();
  }, [focusOnMount]);

  const register = async (): Promise<void> => {
    const problem = nameProblem(name);
    if (problem) {
      setNameError(problem);
      nameRef.current?.focus();
      return;
    }
    setNameError(null);
    setError(null);
    setPending(true);
    const result = await registerThisComputer(api, { name: name.trim(), subscriptionId: chosen });
    setPending(false);
    if (result.ok) {
      setSeatLimit(null);
      onRegistered({ state: result.value });
      return;
    }
    const devices = seatLimitDevices(result.error);
    if (devices) {
      const planId = chosen ?? devices[0]?.subscriptionId;
      setSeatLimit({ devices, subscription: subscriptions.find((s) => s.id === planId) });
      return;
    }
    setError(result.error);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) void register();
  };

  const seatHeadingId = `${alertId}-seats`;
  return (
    <div className="register-panel">
      <form className="form" onSubmit={submit} noValidate aria-label={t('thisComputer.protect')}>
        <TextField
          label={t('thisComputer.register.nameLabel')}
          hint={t('thisComputer.register.nameHint')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={nameError ?? serviceNameError ?? undefined}
          alertId={error ? alertId : undefined}
          inputRef={nameRef}
          autoComplete="off"
          maxLength={128}
        />
        {usable.length > 1 && subscriptionId === undefined && (
          <fieldset className="choice-group">
            <legend>
              <T id="thisComputer.register.subscriptionLegend" />
            </legend>
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
                  <T
                    id="thisComputer.register.subscriptionOption"
                    values={{ plan: s.planName, used: s.seatsUsed, seats: s.seats }}
                  />
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
          <SubmitButton pending={pending}>
            <T id="thisComputer.protect" />
          </SubmitButton>
        </div>
      </form>

      {seatLimit && (
        <section className="seat-limit-section" aria-labelledby={seatHeadingId}>
          <h2 id={seatHeadingId}>
            <T id="thisComputer.register.planFull" />
          </h2>
          <p role="alert">
            {seatLimit.subscription
              ? t('thisComputer.register.planFullNamed', {
                  plan: seatLimit.subscription.planName,
                  seats: seatLimit.subscription.seats,
                })
              : t('thisComputer.register.planFullUnnamed')}{' '}
            {t('thisComputer.register.planFullNext')}
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
