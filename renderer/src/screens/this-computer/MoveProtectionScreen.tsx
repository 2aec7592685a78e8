import { useEffect, useRef, useState, type FormEvent } from 'react';
import '../../styles/protection.css';
import { Link } from 'react-router';
import type { Device } from '../../../../shared/api/devices';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';
import { paths } from '../../app/paths';
import { LoadFallback } from '../../components/LoadFallback';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeading } from '../../components/PageHeading';
import { formatDate } from '../../lib/dates';
import { refreshProtection, useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import { DeviceChoice } from '../devices/DeviceChoice';

/**
 * Move protection to this computer: pick the old machine, confirm with both named, and
 * one transactional move — the old one stops being protected as this one starts.
 */
export function MoveProtectionScreen() {
  const api = useApi();
  useProtectionFeed(api, ['thisComputer', 'devices']);
  const thisComputer = useProtectionStore((s) => s.thisComputer);
  const devices = useProtectionStore((s) => s.devices);
  const thisDeviceId = useProtectionStore((s) => s.thisDeviceId);
  const loadError = useProtectionStore((s) => s.errors.devices ?? s.errors.thisComputer);
  const [chosen, setChosen] = useState<string | null>(null);
  const [unchosen, setUnchosen] = useState(false);
  const [confirming, setConfirming] = useState<Device | null>(null);
  const [moved, setMoved] = useState<{ from: Device; until: string | null } | null>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);

  // Runs after the dialog's cleanup has handed focus back, so the result keeps it.
  useEffect(() => {
    if (moved) resultRef.current?.focus();
  }, [moved]);

  const candidates = (devices ?? []).filter((d) => d.status === 'active' && d.id !== thisDeviceId);
  const thisName = thisComputer?.device?.name ?? thisComputer?.suggestedName ?? 'this computer';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const device = candidates.find((d) => d.id === chosen);
    if (!device) {
      setUnchosen(true);
      return;
    }
    setConfirming(device);
  };

  const move = async (from: Device): Promise<AppError | null> => {
    const result = await settle(() => api.thisComputer.moveFrom({ deviceId: from.id }));
    if (!result.ok) return result.error;
    useProtectionStore.getState().thisComputerChanged(result.value);
    setConfirming(null);
    setMoved({ from, until: result.value.protectedUntil });
    void refreshProtection(api, ['devices', 'subscriptions']);
    return null;
  };

  return (
    <>
      <PageHeading title="Move protection to this computer" />
      {moved ? (
        <>
          <p ref={resultRef} tabIndex={-1} role="status" className="form-notice">
            Protection moved from {moved.from.name} to this computer
            {moved.until ? `; it is protected until ${formatDate(moved.until)}` : ''}.
          </p>
          <div className="button-row">
            <Link className="button button-primary" to={paths.dashboard}>
              Go to the dashboard
            </Link>
            <Link className="button button-secondary" to={paths.devices}>
              See your devices
            </Link>
          </div>
        </>
      ) : (
        <>
          <p className="lead">
            Got a new computer? Move protection from the old one in one step: the old one stops being protected as{' '}
            {thisName} starts.
          </p>
          {!devices ? (
            <LoadFallback
              error={loadError}
              loading="Loading your devices…"
              onRetry={() => void refreshProtection(api, ['devices', 'thisComputer'])}
            />
          ) : candidates.length === 0 ? (
            <p>
              No other device is protected on your account, so there is nothing to move.{' '}
              <Link to={paths.thisComputer}>Protect this computer</Link> instead.
            </p>
          ) : (
            <form className="form" onSubmit={submit} noValidate aria-label="Move protection">
              <DeviceChoice
                legend="Move protection from"
                name="move-from"
                devices={candidates}
                value={chosen}
                onChange={(id) => {
                  setChosen(id);
                  setUnchosen(false);
                }}
              />
              <p className="field-error" aria-live="polite">
                {unchosen ? 'Choose the device to move protection from.' : ''}
              </p>
              <div className="button-row">
                <button ref={submitRef} type="submit" className="button button-primary">
                  Move protection here
                </button>
              </div>
            </form>
          )}
        </>
      )}
      {confirming && (
        <ConfirmDialog
          title={`Move protection from ${confirming.name} to ${thisName}?`}
          confirmLabel="Move protection"
          onConfirm={() => move(confirming)}
          onCancel={() => setConfirming(null)}
          fallbackFocus={() => submitRef.current}
        >
          <p>
            <strong>{confirming.name}</strong> will no longer be protected, and this computer,{' '}
            <strong>{thisName}</strong>, will take its seat.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
