import { useId, type Ref } from 'react';
import { CopyButton } from '../../components/CopyButton';
import { saveTextFile } from '../../components/save-text-file';
import { T, useT } from '../../i18n/use-t';
import { recoveryCodesText } from './secret-format';

export interface RecoveryCodesStepProps {
  codes: readonly string[];
  account: string | null;
  saved: boolean;
  onSavedChange(saved: boolean): void;
  /** Why closing was refused, shown under the checkbox. */
  problem: string | null;
  checkRef: Ref<HTMLInputElement>;
  /** Closes if the box is ticked; otherwise says why not. Escape does the same. */
  onDone(): void;
}

/**
 * The recovery codes, shown once. Done stays refused until "I have saved them" is ticked:
 * these codes are the way back in when the phone is lost.
 */
export function RecoveryCodesStep({
  codes,
  account,
  saved,
  onSavedChange,
  problem,
  checkRef,
  onDone,
}: RecoveryCodesStepProps) {
  const id = useId();
  const t = useT();
  const text = codes.join('\n');
  const errorId = `${id}-error`;

  return (
    <>
      <p>
        <T id="settings.recoveryCodes.intro" values={{ strong: (chunks) => <strong>{chunks}</strong> }} />
      </p>
      <ol className="recovery-codes" aria-label={t('settings.recoveryCodes.listLabel')}>
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <CopyButton text={text} label={t('settings.recoveryCodes.copy')} />
        <button
          type="button"
          className="button button-secondary"
          onClick={() =>
            saveTextFile(t('settings.recoveryCodes.fileName'), recoveryCodesText(t, codes, account, new Date()))
          }
        >
          <T id="settings.recoveryCodes.save" />
        </button>
      </div>
      <div className="field field-check saved-check">
        <input
          id={`${id}-saved`}
          ref={checkRef}
          type="checkbox"
          checked={saved}
          onChange={(e) => onSavedChange(e.target.checked)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? errorId : undefined}
        />
        <label htmlFor={`${id}-saved`}>
          <T id="settings.recoveryCodes.saved" />
        </label>
        {problem && (
          <p id={errorId} className="field-error">
            {problem}
          </p>
        )}
      </div>
      <div className="button-row dialog-actions">
        <button type="button" className="button button-primary" aria-disabled={!saved} onClick={onDone}>
          <T id="settings.recoveryCodes.done" />
        </button>
      </div>
    </>
  );
}
