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
