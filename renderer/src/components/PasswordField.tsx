import { useId, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { useFieldErrorWhileUnchanged } from '../errors/field-errors';
import { useT } from '../i18n/use-t';

export interface PasswordFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  autoComplete: 'current-password' | 'new-password';
  /** Shown under the field, and makes it invalid, until the person changes the field. */
  error?: string | undefined;
  alertId?: string | undefined;
  hint?: ReactNode;
  /** Rendered under the input, e.g. the strength meter. */
  below?: ReactNode;
  inputRef?: Ref<HTMLInputElement>;
}

/** A password input with a show/hide toggle and a Caps Lock warning. */
export function PasswordField({
  label,
  value,
  onChange,
  autoComplete,
  error: given,
  alertId,
  hint,
  below,
  inputRef,
}: PasswordFieldProps) {
  const id = useId();
  const t = useT();
  const { shown: error, changed, ref } = useFieldErrorWhileUnchanged<HTMLDivElement>(given);
  const [visible, setVisible] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const capsId = `${id}-caps`;
  const describedBy = [hintId, errorId, alertId, capsLock ? capsId : undefined].filter(Boolean).join(' ') || undefined;

  const watchCapsLock = (event: KeyboardEvent<HTMLInputElement>) => {
    // Some synthetic and IME events carry no modifier state; keep the last answer then.
    if (typeof event.getModifierState === 'function') setCapsLock(event.getModifierState('CapsLock'));
  };

  return (
    <div ref={ref} className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <div className="password-input">
        <input
          id={id}
          ref={inputRef}
          type={visible ? 'text' : 'password'}
          value={value}
          onChange={(e) => {
            changed();
            onChange(e.target.value);
          }}
          onKeyDown={watchCapsLock}
          onKeyUp={watchCapsLock}
          onBlur={() => setCapsLock(false)}
          autoComplete={autoComplete}
          spellCheck={false}
          autoCapitalize="off"
          aria-invalid={error || alertId ? true : undefined}
          aria-describedby={describedBy}
        />
        {/* A toggle keeps one name, which contains the word it shows; aria-pressed (and its pressed style) says whether it is on. */}
        <button
          type="button"
          className="password-toggle"
          aria-pressed={visible}
          aria-controls={id}
          aria-label={t('common.showPassword')}
          onClick={() => setVisible((v) => !v)}
        >
          {t('common.show')}
        </button>
      </div>
      {/* Always in the page so the live region is registered before it has something to say. */}
      <p id={capsId} className="caps-warning" aria-live="polite">
        {capsLock ? t('common.capsLockOn') : ''}
      </p>
      {below}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
