import type { Result } from '../../../shared/errors';

/**
 * Calls across IPC resolve to Results, but a broken transport (a closed socket, a crashed
 * main process) can still reject; screens only ever want the Result.
 */
export async function settle<T>(call: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await call();
  } catch {
    return { ok: false, error: { code: 'UNKNOWN', message: 'The call to the Palisade app did not complete.' } };
  }
}
