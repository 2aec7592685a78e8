import { useCallback, useRef, useState } from 'react';
import type { AppError, Result } from '../../../shared/errors';
import { settle } from '../api/settle';

/**
 * Runs one call to the main process at a time for a form: tracks `pending` (to disable
 * the submit button) and the last error. A second submit while one is in flight is ignored.
 */
export function useAction() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const busy = useRef(false);

  const run = useCallback(async <T>(call: () => Promise<Result<T>>): Promise<Result<T> | null> => {
    if (busy.current) return null;
    busy.current = true;
    setPending(true);
    setError(null);
    const result = await settle(call);
    busy.current = false;
    setPending(false);
    if (!result.ok) setError(result.error);
    return result;
  }, []);

  return { pending, error, setError, run };
}

/** The wait an error asks for: top-level on IPC errors, or in `details` as the service sends it. */
export function retryAfterSeconds(error: AppError): number | undefined {
  if (error.retryAfterSeconds !== undefined) return error.retryAfterSeconds;
  const fromDetails = error.details?.retryAfterSeconds;
  return typeof fromDetails === 'number' && fromDetails >= 0 ? fromDetails : undefined;
}
