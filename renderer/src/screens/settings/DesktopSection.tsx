import { useEffect, useState } from 'react';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';
import { FormAlert } from '../../components/FormAlert';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { useSettings } from './use-settings';

const switches = ['closeToTray', 'startAtLogin'] as const;

/**
 * Settings → Desktop: close to tray and start at login. Shown only in the desktop app: in the
 * browser host there is no window of ours to keep or login item to set, so a switch would do nothing.
 */
export function DesktopSection() {
  const api = useApi();
  const t = useT();
  const describe = useDescribeError();
  const { settings, problem, change } = useSettings();
  const [desktop, setDesktop] = useState(false);
  useEffect(() => {
    let current = true;
    void settle(() => api.app.info({})).then((result) => {
      if (current && result.ok) setDesktop(result.value.host === 'electron');
    });
    return () => {
      current = false;
    };
  }, [api]);
  if (!desktop) return null;

  return (
    <section className="settings-group" aria-labelledby="desktop-heading">
      <h2 id="desktop-heading">
        <T id="settings.desktop.heading" />
      </h2>
      <div className="settings-section">
        {problem && (
          <FormAlert id="desktop-alert">
            <p>{t('settings.desktop.saveFailed', { reason: describe(problem) })}</p>
          </FormAlert>
        )}
        <ul className="choice-list" aria-labelledby="desktop-heading">
          {switches.map((name) => (
            <li key={name}>
              <label className="field-check">
                <input
                  type="checkbox"
                  disabled={!settings}
                  checked={settings?.[name] ?? false}
                  aria-describedby={`desktop-${name}-hint`}
                  onChange={(event) => void change({ [name]: event.target.checked })}
                />
                <span>
                  <T id={`settings.desktop.${name}`} />
                  <span id={`desktop-${name}-hint`} className="field-hint">
                    {' '}
                    <T id={`settings.desktop.${name}.hint`} />
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
