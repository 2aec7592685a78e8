import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import '../../styles/page-parts.css';
import { Link } from 'react-router';
import type { Device } from '../../../../shared/api/devices';
import type { AppError } from '../../../../shared/errors';
import { reloadDevices } from '../../actions/devices-actions';
import { moveProtectionHere } from '../../actions/this-computer-actions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { LoadFallback } from '../../components/LoadFallback';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeading } from '../../components/PageHeading';
import { T, useT } from '../../i18n/use-t';
import { useDates } from '../../lib/dates';
import { useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import { DeviceChoice } from '../devices/DeviceChoice';

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/**
 * Move protection to this computer: pick the old machine, confirm with both named, and
 * one transactional move — the old one stops being protected as this one starts.
 */
export function MoveProtectionScreen() {
  const api = useApi();
  const t = useT();
  const { formatDate } = useDates();
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
  const thisName = thisComputer?.device?.name ?? thisComputer?.suggestedName ?? t('thisComputer.fallbackName');

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
    const result = await moveProtectionHere(api, from);
    if (!result.ok) return result.error;
    setConfirming(null);
    setMoved({ from, until: result.value.protectedUntil });
    return null;
  };

  return (
    <>
      <PageHeading title={t('thisComputer.move.title')} />
      {moved ? (
        <>
          <p ref={resultRef} tabIndex={-1} role="status" className="form-notice">
            {moved.until
              ? t('thisComputer.move.done', { from: moved.from.name, date: formatDate(moved.until) })
              : t('thisComputer.registered.moved', { from: moved.from.name })}
          </p>
          <div className="button-row">
            <Link className="button button-primary" to={paths.dashboard}>
              <T id="thisComputer.move.toDashboard" />
            </Link>
            <Link className="button button-secondary" to={paths.devices}>
              <T id="thisComputer.move.seeDevices" />
            </Link>
          </div>
        </>
      ) : (
        <>
          <p className="lead">
            <T id="thisComputer.move.lead" values={{ name: thisName }} />
          </p>
          {!devices ? (
            <LoadFallback
              error={loadError}
              loading={t('devices.loading')}
              onRetry={() => void reloadDevices(api, ['devices', 'thisComputer'])}
            />
          ) : candidates.length === 0 ? (
            <p>
              <T
                id="thisComputer.move.nothing"
                values={{ link: (chunks) => <Link to={paths.thisComputer}>{chunks}</Link> }}
              />
            </p>
          ) : (
            <form className="form" onSubmit={submit} noValidate aria-label={t('thisComputer.move.form')}>
              <DeviceChoice
                legend={t('thisComputer.move.from')}
                name="move-from"
                devices={candidates}
                value={chosen}
                onChange={(id) => {
                  setChosen(id);
                  setUnchosen(false);
                }}
              />
              <p className="field-error" aria-live="polite">
                {unchosen ? t('thisComputer.move.unchosen') : ''}
              </p>
              <div className="button-row">
                <button ref={submitRef} type="submit" className="button button-primary">
                  <T id="thisComputer.move.submit" />
                </button>
              </div>
            </form>
          )}
        </>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('thisComputer.move.confirmTitle', { from: confirming.name, to: thisName })}
          confirmLabel={t('thisComputer.move.confirm')}
          onConfirm={() => move(confirming)}
          onCancel={() => setConfirming(null)}
          fallbackFocus={() => submitRef.current}
        >
          <p>
            <T id="thisComputer.move.confirmBody" values={{ strong, from: confirming.name, to: thisName }} />
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
