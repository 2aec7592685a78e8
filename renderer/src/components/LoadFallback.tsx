import { useDescribeError } from '../errors/messages';
import { T } from '../i18n/use-t';
import type { AppError } from '../../../shared/errors';

/**
 * What a screen shows before its data arrives: a polite "Loading …" status, or, when the
 * load failed, an alert that says why and offers to try again.
 */
export function LoadFallback({
  error,
  loading,
  failed,
  onRetry,
}: {
  error: AppError | null | undefined;
  /** e.g. "Loading your devices…" */
  loading: string;
  /** A lead-in before the error's own sentence, e.g. "We couldn’t load your devices." */
  failed?: string;
  onRetry(): void;
}) {
  const describeError = useDescribeError();
  return error ? (
    <div role="alert" className="form-alert">
      <p>
        {failed && `${failed} `}
        {describeError(error)}
      </p>
      <button type="button" className="button button-secondary" onClick={onRetry}>
        <T id="common.tryAgain" />
      </button>
    </div>
  ) : (
    <p role="status" className="muted">
      <span className="spinner" aria-hidden="true" />
      {loading}
    </p>
  );
}
