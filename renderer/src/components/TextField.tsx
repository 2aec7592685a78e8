import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { useFieldErrorWhileUnchanged } from '../errors/field-errors';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-invalid' | 'aria-describedby'> {
  label: string;
  /** Shown under the field, and makes it invalid, until the person changes the field. */
  error?: string | undefined;
  hint?: ReactNode;
  /** Marks the field invalid because of an error shown elsewhere (that element's id). */
  alertId?: string | undefined;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input whose hint and error are tied to it for screen readers. */
export function TextField({ label, error: given, hint, alertId, inputRef, className, onChange, ...input }: TextFieldProps) {
  const id = useId();
  const { shown: error, changed, ref } = useFieldErrorWhileUnchanged<HTMLDivElement>(given);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId, alertId].filter(Boolean).join(' ') || undefined;
  return (
    <div ref={ref} className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        ref={inputRef}
        aria-invalid={error || alertId ? true : undefined}
        aria-describedby={describedBy}
        {...input}
        onChange={(event) => {
          changed();
          onChange?.(event);
        }}
      />
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
