import { useRef, useState, type ReactNode } from 'react';
import '../../styles/devices.css';
import type { Device } from '../../../../shared/api/devices';
import type { ThisComputerState } from '../../../../shared/contract/this-computer';
import type { AppError } from '../../../../shared/errors';
import { deactivateDevice } from '../../actions/devices-actions';
import { moveProtectionHere } from '../../actions/this-computer-actions';
import { useApi } from '../../api/api-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { T, useT } from '../../i18n/use-t';
import { DeviceChoice } from './DeviceChoice';

export interface SeatLimitPanelProps {
  /** The plan's active devices, in the order the service gave them. */
  devices: readonly Device[];
  /** This computer's name, to say where protection goes. */
  thisName: string;
  /**
   * `register`: deactivate a device so this computer can take its seat (and offer a move
   * instead); `free`: only deactivate one (this computer already has a seat).
   */
  mode: 'register' | 'free';
  /** After a device was deactivated; in `register` mode the parent registers in place. */
  onFreed(device: Device): void | Promise<void>;
  /** After protection moved from `from` to this computer. */
  onMoved?(state: ThisComputerState, from: Device): void;
}

type Pending = { action: 'deactivate' | 'move'; device: Device } | null;

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/**
 * The seat-limit flow's heart: pick a device on the full plan, then deactivate it (and
 * carry on registering) or move its protection here in one step. Both ask first, naming
 * the machines.
 */
export function SeatLimitPanel({ devices, thisName, mode, onFreed, onMoved }: SeatLimitPanelProps) {
  const api = useApi();
  const t = useT();
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Pending>(null);
  const [unchosen, setUnchosen] = useState(false);
  const deactivateRef = useRef<HTMLButtonElement>(null);
  const device = devices.find((d) => d.id === chosen) ?? null;

  const ask = (action: 'deactivate' | 'move') => {
    if (!device) {
      setUnchosen(true);
      return;
    }
    setConfirming({ action, device });
  };

  const deactivate = async (target: Device): Promise<AppError | null> => {
    const result = await deactivateDevice(api, target);
    if (!result.ok) return result.error;
    setConfirming(null);
    setChosen(null);
    await onFreed(target);
    return null;
  };

  const move = async (target: Device): Promise<AppError | null> => {
    const result = await moveProtectionHere(api, target);
    if (!result.ok) return result.error;
    setConfirming(null);
    onMoved?.(result.value, target);
    return null;
  };

  if (devices.length === 0) {
    return (
      <p className="muted">
        <T id="devices.seatLimit.noneHolding" />
      </p>
    );
  }

  return (
    <div className="seat-limit">
      <DeviceChoice
        legend={t(mode === 'register' ? 'devices.seatLimit.chooseForHere' : 'devices.seatLimit.choose')}
        name="seat-device"
        devices={devices}
        value={chosen}
        onChange={(id) => {
          setChosen(id);
          setUnchosen(false);
        }}
      />
      <p className="field-error" aria-live="polite">
        {unchosen ? t('devices.seatLimit.unchosen') : ''}
      </p>
      <div className="button-row">
        <button ref={deactivateRef} type="button" className="button button-primary" onClick={() => ask('deactivate')}>
          <T id={mode === 'register' ? 'devices.seatLimit.deactivateAndProtect' : 'devices.deactivate.button'} />
        </button>
        {mode === 'register' && (
          <button type="button" className="button button-secondary" onClick={() => ask('move')}>
            <T id="devices.seatLimit.moveInstead" />
          </button>
        )}
      </div>

      {confirming?.action === 'deactivate' && (
        <ConfirmDialog
          title={t('devices.deactivate.title', { name: confirming.device.name })}
          confirmLabel={t('devices.deactivate.buttonFor', { name: confirming.device.name })}
          destructive
          onConfirm={() => deactivate(confirming.device)}
          onCancel={() => setConfirming(null)}
          fallbackFocus={() => deactivateRef.current}
        >
          <p>
            {mode === 'register' ? (
              <T
                id="devices.deactivate.bodyForHere"
                values={{ strong, name: confirming.device.name, here: thisName }}
              />
            ) : (
              <T id="devices.deactivate.body" values={{ strong, name: confirming.device.name }} />
            )}
          </p>
        </ConfirmDialog>
      )}
      {confirming?.action === 'move' && (
        <ConfirmDialog
          title={t('devices.seatLimit.moveTitle', { here: thisName })}
          confirmLabel={t('thisComputer.move.confirm')}
          onConfirm={() => move(confirming.device)}
          onCancel={() => setConfirming(null)}
          fallbackFocus={() => deactivateRef.current}
        >
          <p>
            <T id="devices.seatLimit.moveBody" values={{ strong, name: confirming.device.name, here: thisName }} />
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
