import type { ReactNode } from 'react';

/**
 * A form's main button. While `pending` it says what is happening — `busyLabel` in place
 * of its label, or a spinner beside the label when there is no `busyLabel` — and is only
 * aria-disabled, so it keeps focus and screen readers still find it.
 */
export function SubmitButton({
  pending,
  busyLabel,
  children,
}: {
  pending: boolean;
  busyLabel?: string;
  children: ReactNode;
}) {
  return (
    <button type="submit" className="button button-primary" aria-disabled={pending}>
      {pending && busyLabel !== undefined ? (
        busyLabel
      ) : (
        <>
          {pending && <span className="spinner" aria-hidden="true" />}
          {children}
        </>
      )}
    </button>
  );
}
