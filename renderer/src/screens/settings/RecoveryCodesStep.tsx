import { useId, type Ref } from 'react';
import { CopyButton } from './CopyButton';
import { saveTextFile } from './copy-and-save';
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
export function RecoveryCodesStep({ codes, account, saved, onSavedChange, problem, checkRef, onDone }: RecoveryCodesStepProps) {
  const id = useId();
  const text = codes.join('\n');
  const errorId = `${id}-error`;

  return (
    <>
      <p>
        2-step verification is on. If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe,
        such as a password manager. <strong>This is the only time you’ll see them.</strong>
      </p>
      <ol className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="button-row">
        <CopyButton text={text} label="Copy codes" />
        <button
          type="button"
          className="button button-secondary"
          onClick={() => saveTextFile('palisade-recovery-codes.txt', recoveryCodesText(codes, account, new Date()))}
        >
          Save to file
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
        <label htmlFor={`${id}-saved`}>I have saved my recovery codes</label>
        {problem && (
          <p id={errorId} className="field-error">
            {problem}
          </p>
        )}
      </div>
      <div className="button-row dialog-actions">
        <button type="button" className="button button-primary" aria-disabled={!saved} onClick={onDone}>
          Done
        </button>
      </div>
    </>
  );
}
