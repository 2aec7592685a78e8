import type { Device } from '../../../../shared/api/devices';
import '../../styles/devices.css';
import { PlatformIcon } from '../../components/PlatformIcon';
import { RelativeTime } from '../../components/RelativeTime';
import { T } from '../../i18n/use-t';
import { usePlatformName } from './platform-names';

/** A radio list of devices (a handful: one plan's seats), each with its platform and last activity. */
export function DeviceChoice({
  legend,
  devices,
  value,
  onChange,
  name,
}: {
  legend: string;
  devices: readonly Device[];
  value: string | null;
  onChange(id: string): void;
  name: string;
}) {
  const platformName = usePlatformName();
  return (
    <fieldset className="device-choice">
      <legend>{legend}</legend>
      <ul>
        {devices.map((device) => {
          const id = `${name}-${device.id}`;
          return (
            <li key={device.id}>
              <input
                type="radio"
                id={id}
                name={name}
                value={device.id}
                checked={value === device.id}
                onChange={() => onChange(device.id)}
              />
              <label htmlFor={id}>
                <PlatformIcon platform={device.platform} />
                <span className="device-choice-text">
                  <span className="device-name">{device.name}</span>
                  <span className="muted">
                    <T
                      id="devices.choice.meta"
                      values={{
                        platform: platformName(device.platform),
                        when: <RelativeTime iso={device.lastSeenAt} />,
                      }}
                    />
                  </span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
