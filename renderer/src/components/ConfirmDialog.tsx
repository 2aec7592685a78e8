import { useId, useRef, useState, type ReactNode } from 'react';
import type { AppError } from '../../../shared/errors';
import { useDescribeError } from '../errors/messages';
import { useT } from '../i18n/use-t';
import { Dialog } from './Dialog';

export interface ConfirmDialogProps {
  title: string;
  /** What will happen, naming the things it happens to. */
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Does the thing; resolves to an error to show, or null when done (the parent then closes). */
  onConfirm(): Promise<AppError | null>;
  onCancel(): void;
  fallbackFocus?: () => HTMLElement | null;
  /** Red confirm button for things that take protection away. */
  destructive?: boolean;
}

/**
 * "Are you sure?" as an alert dialog. Focus starts on the safe choice, so an Enter
 * pressed out of habit does not deactivate anything.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  fallbackFocus,
  destructive = false,
}: ConfirmDialogProps) {
  const alertId = useId();
  const t = useT();
  const describeError = useDescribeError();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const confirm = async () => {
    if (pending) return;
    setPending(true);
    setError(null);
    const problem = await onConfirm();
    setPending(false);
    if (problem) setError(problem);
  };

  return (
    <Dialog
      role="alertdialog"
      title={title}
      description={children}
      onClose={() => !pending && onCancel()}
      initialFocusRef={cancelRef}
      {...(fallbackFocus && { fallbackFocus })}
    >
      {error && (
        <div id={alertId} role="alert" className="form-alert">
          <p>{describeError(error)}</p>
        </div>
      )}
      <div className="button-row dialog-actions">
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel} disabled={pending}>
          {cancelLabel ?? t('common.cancel')}
        </button>
        <button
          type="button"
          className={`button ${destructive ? 'button-danger' : 'button-primary'}`}
          onClick={() => void confirm()}
          aria-disabled={pending || undefined}
        >
          {pending ? <span className="spinner" aria-hidden="true" /> : null}
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
