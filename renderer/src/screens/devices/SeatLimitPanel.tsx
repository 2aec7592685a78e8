import { useRef, useState } from 'react';
import type { Device } from '../../../../shared/api/devices';
import type { ThisComputerState } from '../../../../shared/contract/this-computer';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { refreshProtection, useProtectionStore } from '../../stores/protection-store';
import { DeviceChoice } from './DeviceChoice';

export interface SeatLimitPanelProps {
  /** The plan's active devices, oldest activity first. */
  devices: readonly Device[];
  /** This computer's name, to say where protection goes. */
  thisName: string;
  /**
   * `register`: free a seat so this computer can take it (and offer a move instead);
   * `free`: only free a seat (this computer already has one).
   */
  mode: 'register' | 'free';
  /** After a device was deactivated; in `register` mode the parent registers in place. */
  onFreed(device: Device): void | Promise<void>;
  /** After protection moved from `from` to this computer. */
  onMoved?(state: ThisComputerState, from: Device): void;
}

type Pending = { action: 'free' | 'move'; device: Device } | null;

/**
 * The seat-limit flow's heart: pick a device on the full plan, then free its seat (and
 * carry on registering) or move its protection here in one step. Both ask first, naming
 * the machines.
 */
export function SeatLimitPanel({ devices, thisName, mode, onFreed, onMoved }: SeatLimitPanelProps) {
  const api = useApi();
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Pending>(null);
  const [unchosen, setUnchosen] = useState(false);
  const freeRef = useRef<HTMLButtonElement>(null);
  const device = devices.find((d) => d.id === chosen) ?? null;

  const ask = (action: 'free' | 'move') => {
    if (!device) {
      setUnchosen(true);
      return;
    }
    setConfirming({ action, device });
  };

  const free = async (target: Device): Promise<AppError | null> => {
    const result = await settle(() => api.devices.deactivate({ id: target.id }));
    if (!result.ok) return result.error;
    setConfirming(null);
    setChosen(null);
    await onFreed(target);
    void refreshProtection(api, ['devices', 'subscriptions']);
    return null;
  };

  const move = async (target: Device): Promise<AppError | null> => {
    const result = await settle(() => api.thisComputer.moveFrom({ deviceId: target.id }));
    if (!result.ok) return result.error;
    useProtectionStore.getState().thisComputerChanged(result.value);
    setConfirming(null);
    onMoved?.(result.value, target);
    void refreshProtection(api, ['devices', 'subscriptions']);
    return null;
  };

  if (devices.length === 0) return <p className="muted">No device on this plan holds a seat right now.</p>;

  return (
    <div className="seat-limit">
      <DeviceChoice
        legend={
          mode === 'register'
            ? 'Choose a device to free its seat for this computer'
            : 'Choose a device to free its seat'
        }
        name="seat-device"
        devices={devices}
        value={chosen}
        onChange={(id) => {
          setChosen(id);
          setUnchosen(false);
        }}
      />
      <p className="field-error" aria-live="polite">
        {unchosen ? 'Choose a device first.' : ''}
      </p>
      <div className="button-row">
        <button ref={freeRef} type="button" className="button button-primary" onClick={() => ask('free')}>
          {mode === 'register' ? 'Free its seat and protect this computer' : 'Free its seat'}
        </button>
        {mode === 'register' && (
          <button type="button" className="button button-secondary" onClick={() => ask('move')}>
            Move protection here instead
          </button>
        )}
      </div>

      {confirming?.action === 'free' && (
        <ConfirmDialog
          title={`Remove ${confirming.device.name}?`}
          confirmLabel={`Remove ${confirming.device.name}`}
          destructive
          onConfirm={() => free(confirming.device)}
          onCancel={() => setConfirming(null)}
          fallbackFocus={() => freeRef.current}
        >
          <p>
            <strong>{confirming.device.name}</strong> will no longer be protected, and its seat will be free
            {mode === 'register' ? <> for this computer, {thisName}.</> : '.'} You can add it again later.
          </p>
        </ConfirmDialog>
      )}
      {confirming?.action === 'move' && (
        <ConfirmDialog
          title={`Move protection to ${thisName}?`}
          confirmLabel="Move protection"
          onConfirm={() => move(confirming.device)}
          onCancel={() => setConfirming(null)}
          fallbackFocus={() => freeRef.current}
        >
          <p>
            Protection moves from <strong>{confirming.device.name}</strong> to this computer,{' '}
            <strong>{thisName}</strong>, in one step. {confirming.device.name} will no longer be protected.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
