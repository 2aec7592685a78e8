import { useCallback, useDeferredValue, useEffect, useRef, useState, type ReactNode } from 'react';
import '../../styles/page-parts.css';
import { Link } from 'react-router';
import type { Device } from '../../../../shared/api/devices';
import type { AppError } from '../../../../shared/errors';
import { deactivateDevice, forgetDevice, reloadDevices, renameDevice } from '../../actions/devices-actions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { LoadFallback } from '../../components/LoadFallback';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { PageHeading } from '../../components/PageHeading';
import { T, useFormat, useT } from '../../i18n/use-t';
import { useProtectionFeed, useProtectionStore } from '../../stores/protection-store';
import { InvitationLinkDialog } from '../this-computer/InvitationLinkDialog';
import { AddDeviceDialog } from './AddDeviceDialog';
import { DeviceList, rowElement } from './DeviceList';

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/** Every device on the account: rename, deactivate, forget a deactivated one, add one, and the ways to make room for this computer. */
export function DevicesScreen() {
  const api = useApi();
  const t = useT();
  // Stable while the language stays the same, so the memoised rows keep their callbacks.
  const intl = useFormat();
  useProtectionFeed(api, ['devices', 'thisComputer']);
  const devices = useProtectionStore((s) => s.devices);
  const thisDeviceId = useProtectionStore((s) => s.thisDeviceId);
  const thisComputer = useProtectionStore((s) => s.thisComputer);
  const loadError = useProtectionStore((s) => s.errors.devices);
  const [confirming, setConfirming] = useState<Device | null>(null);
  const [forgetting, setForgetting] = useState<Device | null>(null);
  const [adding, setAdding] = useState(false);
  const [pastingLink, setPastingLink] = useState(false);
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
      const result = await renameDevice(api, device, name);
      if (!result.ok) return result.error;
      setNotice(intl.formatMessage({ id: 'devices.renamed' }, { from: device.name, to: result.value.name }));
      return null;
    },
    [api, intl],
  );

  const deactivate = async (device: Device): Promise<AppError | null> => {
    const result = await deactivateDevice(api, device);
    if (!result.ok) return result.error;
    focusRenameOf.current = device.id;
    setConfirming(null);
    setNotice(t('devices.deactivated', { name: device.name }));
    return null;
  };

  const onDeactivate = useCallback((device: Device) => setConfirming(device), []);
  const onForget = useCallback((device: Device) => setForgetting(device), []);

  // A forgotten row is gone: focus moves to the row that takes its place, or to "Add a device".
  const focusAfterForget = useRef<string | null>(null);
  const forget = async (device: Device): Promise<AppError | null> => {
    const result = await forgetDevice(api, device);
    if (!result.ok) return result.error;
    const list = devices ?? [];
    const at = list.findIndex((d) => d.id === device.id);
    focusAfterForget.current = (list[at + 1] ?? list[at - 1])?.id ?? null;
    setForgetting(null);
    setNotice(t('devices.forgotten', { name: device.name }));
    return null;
  };
  const focusAfterForgetting = () => {
    const id = focusAfterForget.current;
    focusAfterForget.current = null;
    return (id && rowElement(document, id)?.querySelector<HTMLElement>('[data-control]')) || addRef.current;
  };

  const needle = deferredQuery.trim().toLocaleLowerCase();
  const shown = devices && needle ? devices.filter((d) => d.name.toLocaleLowerCase().includes(needle)) : devices;
  const activeCount = devices?.filter((d) => d.status === 'active').length ?? 0;
  const protectedHere = thisComputer?.state === 'protected';

  return (
    <>
      <PageHeading title={t('devices.title')} />
      <p className="lead">
        {devices ? (
          <T id="devices.lead.counted" values={{ count: devices.length, active: activeCount }} />
        ) : (
          <T id="devices.lead.loading" />
        )}
      </p>
      <div className="button-row page-actions">
        <button ref={addRef} type="button" className="button button-primary" onClick={() => setAdding(true)}>
          <T id="devices.add" />
        </button>
        <button type="button" className="button button-secondary" onClick={() => setPastingLink(true)}>
          <T id="devices.haveLink" />
        </button>
        <Link className="button button-secondary" to={paths.makeRoom}>
          <T id={protectedHere ? 'devices.manageSeats' : 'devices.makeRoom'} />
        </Link>
        {!protectedHere && (
          <Link className="button button-secondary" to={paths.moveHere}>
            <T id="thisComputer.move.title" />
          </Link>
        )}
      </div>
      <div role="status" className="notice-region">
        {notice && <p className="form-notice">{notice}</p>}
      </div>

      {!devices ? (
        <LoadFallback
          error={loadError}
          loading={t('devices.loading')}
          failed={t('devices.loadFailed')}
          onRetry={() => void reloadDevices(api)}
        />
      ) : devices.length === 0 ? (
        <p className="empty-state">
          <T id="devices.empty" />
        </p>
      ) : (
        <>
          {devices.length > 8 && (
            <div className="field device-search">
              <label htmlFor="device-search">
                <T id="devices.search.label" />
              </label>
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
              label={needle ? t('devices.search.matching', { query: deferredQuery.trim() }) : t('devices.title')}
              devices={shown}
              thisDeviceId={thisDeviceId}
              onRename={rename}
              onDeactivate={onDeactivate}
              onForget={onForget}
            />
          ) : (
            <p className="muted">
              <T id="devices.search.none" values={{ query: deferredQuery.trim() }} />
            </p>
          )}
          {needle && shown && (
            <p className="visually-hidden" aria-live="polite">
              <T id="devices.search.found" values={{ count: shown.length }} />
            </p>
          )}
        </>
      )}

      {confirming && (
        <ConfirmDialog
          title={t('devices.deactivate.title', { name: confirming.name })}
          confirmLabel={t('devices.deactivate.buttonFor', { name: confirming.name })}
          cancelLabel={t('devices.deactivate.keep')}
          destructive
          onConfirm={() => deactivate(confirming)}
          onCancel={() => setConfirming(null)}
          fallbackFocus={() =>
            rowElement(document, confirming.id)?.querySelector<HTMLElement>('[data-control="rename"]') ?? addRef.current
          }
        >
          <p>
            <T
              id={confirming.id === thisDeviceId ? 'devices.deactivate.bodyThisComputer' : 'devices.deactivate.body'}
              values={{ strong, name: confirming.name }}
            />
          </p>
        </ConfirmDialog>
      )}
      {forgetting && (
        <ConfirmDialog
          title={t('devices.forget.title', { name: forgetting.name })}
          confirmLabel={t('devices.forget.buttonFor', { name: forgetting.name })}
          cancelLabel={t('devices.forget.keep')}
          destructive
          onConfirm={() => forget(forgetting)}
          onCancel={() => setForgetting(null)}
          fallbackFocus={() =>
            rowElement(document, forgetting.id)?.querySelector<HTMLElement>('[data-control="forget"]') ??
            focusAfterForgetting()
          }
        >
          <p>
            <T id="devices.forget.body" values={{ strong, name: forgetting.name }} />
          </p>
        </ConfirmDialog>
      )}
      {adding && <AddDeviceDialog onClose={() => setAdding(false)} />}
      {pastingLink && <InvitationLinkDialog onClose={() => setPastingLink(false)} />}
    </>
  );
}
