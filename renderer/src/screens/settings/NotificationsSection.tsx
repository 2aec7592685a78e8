import { notificationSettingKinds } from '../../../../shared/contract/settings';
import { FormAlert } from '../../components/FormAlert';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { useSettings } from './use-settings';

/** Settings → Notifications: one switch per kind of OS notification, each remembered at once. */
export function NotificationsSection() {
  const t = useT();
  const describe = useDescribeError();
  const { settings, problem, change } = useSettings();
  return (
    <section className="settings-group" aria-labelledby="notifications-heading">
      <h2 id="notifications-heading">
        <T id="settings.notifications.heading" />
      </h2>
      <div className="settings-section">
        {problem && (
          <FormAlert id="notifications-alert">
            <p>{t('settings.notifications.saveFailed', { reason: describe(problem) })}</p>
          </FormAlert>
        )}
        <p id="notifications-intro" className="field-hint">
          <T id="settings.notifications.intro" />
        </p>
        <ul className="choice-list" aria-labelledby="notifications-heading" aria-describedby="notifications-intro">
          {notificationSettingKinds.map((kind) => (
            <li key={kind}>
              <label className="field-check">
                <input
                  type="checkbox"
                  disabled={!settings}
                  checked={settings?.notifications[kind] ?? false}
                  onChange={(event) =>
                    settings && void change({ notifications: { ...settings.notifications, [kind]: event.target.checked } })
                  }
                />
                <span>
                  <T id={`settings.notifications.${kind}`} />
                </span>
              </label>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
