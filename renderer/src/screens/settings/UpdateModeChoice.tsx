import { updateModeSchema } from '../../../../shared/contract/settings';
import { FormAlert } from '../../components/FormAlert';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { useSettings } from './use-settings';

/** Settings → Updates: install automatically, tell me, or off; a radio group under the update line. */
export function UpdateModeChoice() {
  const t = useT();
  const describe = useDescribeError();
  const { settings, problem, change } = useSettings();
  return (
    <div className="settings-section">
      {problem && (
        <FormAlert id="update-mode-alert">
          <p>{t('settings.updates.saveFailed', { reason: describe(problem) })}</p>
        </FormAlert>
      )}
      <p id="update-mode-label">
        <T id="settings.updates.modeLabel" />
      </p>
      <div className="choice-list" role="radiogroup" aria-labelledby="update-mode-label">
        {updateModeSchema.options.map((mode) => (
          <label key={mode} className="field-check">
            <input
              type="radio"
              name="update-mode"
              value={mode}
              disabled={!settings}
              checked={settings?.updates === mode}
              aria-describedby={`update-mode-${mode}-hint`}
              onChange={() => void change({ updates: mode })}
            />
            <span>
              <T id={`settings.updates.mode.${mode}`} />
              <span id={`update-mode-${mode}-hint`} className="field-hint">
                {' '}
                <T id={`settings.updates.mode.${mode}.hint`} />
              </span>
            </span>
          </label>
        ))}
      </div>
    </div>
  );
}
