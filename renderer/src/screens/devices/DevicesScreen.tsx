import { useCallback, useDeferredValue, useEffect, useRef, useState } from 'react';
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
import { plural } from '../../lib/dates';
import { refreshProtection, useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import { AddDeviceDialog } from './AddDeviceDialog';
import { DeviceList, rowElement } from './DeviceList';

/** Every device on the account: rename, deactivate, add one, and the ways to make room for this computer. */
export function DevicesScreen() {
  const api = useApi();
  useProtectionFeed(api, ['devices', 'thisComputer']);
  const devices = useProtectionStore((s) => s.devices);
  const thisDeviceId = useProtectionStore((s) => s.thisDeviceId);
  const thisComputer = useProtectionStore((s) => s.thisComputer);
  const loadError = useProtectionStore((s) => s.errors.devices);
  const [confirming, setConfirming] = useState<Device | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const addRef = useRef<HTMLButtonElement>(null);
  // A deactivated row loses its Deactivate button: once the dialog has closed, focus its Rename.
  const focusRenameOf = useRef<string | null>(null);
  useEffect(() => {
    const id = focusRenameOf.current;
    const target = id && rowElement(document, id)?.querySelector<HTMLElement>('[data-control="rename"]');
    if (target) {
      target.focus();
      focusRenameOf.current = null;
    }
  });

  const rename = useCallback(
    async (device: Device, name: string): Promise<AppError | null> => {
      const result = await settle(() => api.devices.rename({ id: device.id, name }));
      if (!result.ok) return result.error;
      useProtectionStore.getState().deviceChanged(result.value);
      setNotice(`Renamed ${device.name} to ${result.value.name}.`);
      return null;
    },
    [api],
  );

  const deactivate = async (device: Device): Promise<AppError | null> => {
    const result = await settle(() => api.devices.deactivate({ id: device.id }));
    if (!result.ok) return result.error;
    useProtectionStore.getState().deviceChanged({ ...device, status: 'deactivated' });
    focusRenameOf.current = device.id;
    setConfirming(null);
    setNotice(`${device.name} was deactivated; its seat is free.`);
    void refreshProtection(
      api,
      device.id === thisDeviceId ? ['devices', 'subscriptions', 'thisComputer'] : ['devices', 'subscriptions'],
    );
    return null;
  };

  const onDeactivate = useCallback((device: Device) => setConfirming(device), []);

  const needle = deferredQuery.trim().toLocaleLowerCase();
  const shown = devices && needle ? devices.filter((d) => d.name.toLocaleLowerCase().includes(needle)) : devices;
  const activeCount = devices?.filter((d) => d.status === 'active').length ?? 0;
  const protectedHere = thisComputer?.state === 'protected';

  return (
    <>
      <PageHeading title="Devices" />
      <p className="lead">
        {devices
          ? `${plural(devices.length, 'device')} on your account, ${activeCount} protected.`
          : 'The computers and phones on your account.'}
      </p>
      <div className="button-row page-actions">
        <button ref={addRef} type="button" className="button button-primary" onClick={() => setAdding(true)}>
          Add a device
        </button>
        <Link className="button button-secondary" to={paths.makeRoom}>
          {protectedHere ? 'Manage seats' : 'Make room for this computer'}
        </Link>
        {!protectedHere && (
          <Link className="button button-secondary" to={paths.moveHere}>
            Move protection to this computer
          </Link>
        )}
      </div>
      <div role="status" className="notice-region">
        {notice && <p className="form-notice">{notice}</p>}
      </div>

      {!devices ? (
        <LoadFallback
          error={loadError}
          loading="Loading your devices…"
          failed="We couldn’t load your devices."
          onRetry={() => void refreshProtection(api, ['devices'])}
        />
      ) : devices.length === 0 ? (
        <p className="empty-state">No devices yet. Protect this computer, or add another device with a link.</p>
      ) : (
        <>
          {devices.length > 8 && (
            <div className="field device-search">
              <label htmlFor="device-search">Find a device</label>
              <input
                id="device-search"
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                autoComplete="off"
              />
            </div>
          )}
          {shown && shown.length > 0 ? (
            <DeviceList
              label={needle ? `Devices matching “${deferredQuery.trim()}”` : 'Devices'}
              devices={shown}
              thisDeviceId={thisDeviceId}
              onRename={rename}
              onDeactivate={onDeactivate}
            />
          ) : (
            <p className="muted">No device is called anything like “{deferredQuery.trim()}”.</p>
          )}
          {needle && shown && (
            <p className="visually-hidden" aria-live="polite">
              {plural(shown.length, 'device')} found.
            </p>
          )}
        </>
      )}

      {confirming && (
        <ConfirmDialog
          title={`Deactivate ${confirming.name}?`}
          confirmLabel={`Deactivate ${confirming.name}`}
          cancelLabel="Keep it"
          destructive
          onConfirm={() => deactivate(confirming)}
          onCancel={() => setConfirming(null)}
          fallbackFocus={() =>
            rowElement(document, confirming.id)?.querySelector<HTMLElement>('[data-control="rename"]') ?? addRef.current
          }
        >
          <p>
            <strong>{confirming.name}</strong>
            {confirming.id === thisDeviceId ? ' (this computer)' : ''} will no longer be protected, and its seat will be
            free for another device. You can add it again later.
          </p>
        </ConfirmDialog>
      )}
      {adding && <AddDeviceDialog onClose={() => setAdding(false)} />}
    </>
  );
}
