import { memo, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import '../../styles/devices.css';
import { useIntl } from 'react-intl';
import type { Device } from '../../../../shared/api/devices';
import type { AppError } from '../../../../shared/errors';
import { PlatformIcon } from '../../components/PlatformIcon';
import { RelativeTime } from '../../components/RelativeTime';
import { describeError } from '../../errors/messages';
import { fieldErrors } from '../../errors/field-errors';
import { T, useT } from '../../i18n/use-t';
import { useDeviceNameProblem } from './device-name';
import { usePlatformName } from './platform-names';

export interface DeviceRowProps {
  device: Device;
  isThis: boolean;
  /** Saves a new name; resolves to an error to show, or null once saved. */
  onRename(device: Device, name: string): Promise<AppError | null>;
  onDeactivate(device: Device): void;
  /** Asks to take a deactivated device off the list. */
  onForget(device: Device): void;
  /** Tells the list this row is being edited, so it stays rendered while scrolled away. */
  onEditing(id: string, editing: boolean): void;
  now: number;
}

/**
 * One device: platform icon and name, when it was last seen, its status, and the inline
 * rename (Enter saves, Escape cancels) and deactivate controls. A deactivated device can
 * only be forgotten here: protecting it again is done on that device, and its row says so.
 */
export const DeviceRow = memo(function DeviceRow({
  device,
  isThis,
  onRename,
  onDeactivate,
  onForget,
  onEditing,
  now,
}: DeviceRowProps) {
  const id = useId();
  const t = useT();
  const intl = useIntl();
  const nameProblem = useDeviceNameProblem();
  const platformName = usePlatformName();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(device.name);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const renameRef = useRef<HTMLButtonElement>(null);
  const refocus = useRef<'input' | 'button' | null>(null);

  useEffect(() => {
    if (refocus.current === 'input') {
      inputRef.current?.focus();
      inputRef.current?.select();
    } else if (refocus.current === 'button') renameRef.current?.focus();
    refocus.current = null;
  }, [editing]);

  const start = () => {
    setDraft(device.name);
    setError(null);
    refocus.current = 'input';
    setEditing(true);
    onEditing(device.id, true);
  };
  const stop = () => {
    refocus.current = 'button';
    setEditing(false);
    setError(null);
    onEditing(device.id, false);
  };

  const save = async () => {
    if (saving) return;
    const invalid = nameProblem(draft);
    if (invalid) {
      setError(invalid);
      return;
    }
    const name = draft.trim();
    if (name === device.name) {
      stop();
      return;
    }
    setSaving(true);
    const problem = await onRename(device, name);
    setSaving(false);
    if (problem) setError(fieldErrors(intl, problem).name ?? describeError(intl, problem));
    else stop();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      stop();
    }
  };

  const platform = platformName(device.platform);
  const when = <RelativeTime iso={device.lastSeenAt} now={now} />;
  const active = device.status === 'active';
  return (
    <div className="device-row" data-status={device.status}>
      <PlatformIcon platform={device.platform} />
      <div className="device-main">
        {editing ? (
          <div className="device-rename">
            <input
              ref={inputRef}
              type="text"
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value);
                // The error was about the name as it was; the help comes back until the next try.
                setError(null);
              }}
              onKeyDown={onKeyDown}
              aria-label={t('devices.row.newName', { name: device.name })}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-rename-help`}
              maxLength={128}
              autoComplete="off"
            />
            <button
              type="button"
              className="button button-primary button-small"
              onClick={() => void save()}
              aria-disabled={saving || undefined}
            >
              <T id="devices.row.save" />
            </button>
            <button type="button" className="button button-secondary button-small" onClick={stop}>
              <T id="common.cancel" />
            </button>
          </div>
        ) : (
          <p className="device-title">
            {/* A name too long for the row is cut short; the title keeps it whole. */}
            <span className="device-name" title={device.name}>
              {device.name}
            </span>
            {isThis && (
              <span className="badge badge-this">
                <T id="devices.row.thisComputer" />
              </span>
            )}
            <span className={`badge badge-${device.status}`}>
              <T id={active ? 'devices.row.active' : 'devices.row.deactivated'} />
            </span>
          </p>
        )}
        {editing ? (
          <p
            id={`${id}-rename-help`}
            className={error ? 'field-error device-meta' : 'field-hint device-meta'}
            aria-live="polite"
          >
            {error ?? t('devices.row.renameHelp')}
          </p>
        ) : (
          <p className="device-meta">
            {!active ? (
              <T
                id={isThis ? 'devices.row.metaDeactivatedThis' : 'devices.row.metaDeactivated'}
                values={{ platform, when }}
              />
            ) : device.os && device.os !== platform ? (
              <T id="devices.row.metaWithOs" values={{ platform, os: device.os, when }} />
            ) : (
              <T id="devices.row.meta" values={{ platform, when }} />
            )}
          </p>
        )}
      </div>
      <div className="device-actions">
        {!editing && (
          <button
            ref={renameRef}
            type="button"
            className="button button-secondary button-small"
            data-control="rename"
            onClick={start}
            aria-label={t('devices.row.renameFor', { name: device.name })}
          >
            <T id="devices.row.rename" />
          </button>
        )}
        {active && !editing && (
          <button
            type="button"
            className="button button-secondary button-small"
            data-control="deactivate"
            onClick={() => onDeactivate(device)}
            aria-label={t('devices.deactivate.buttonFor', { name: device.name })}
          >
            <T id="devices.deactivate.button" />
          </button>
        )}
        {!active && !editing && (
          <button
            type="button"
            className="button button-secondary button-small"
            data-control="forget"
            onClick={() => onForget(device)}
            aria-label={t('devices.forget.buttonFor', { name: device.name })}
          >
            <T id="devices.forget.button" />
          </button>
        )}
      </div>
    </div>
  );
});
