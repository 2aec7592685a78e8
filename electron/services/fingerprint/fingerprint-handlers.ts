import type { Handlers } from '../../../shared/contract/types';
import type { OperationRunner } from '../operations/operation-runner';

/** The `fingerprint` area: reading this computer's fingerprint again, on request. */
export function createFingerprintHandlers(
  refresh: OperationRunner<Record<string, never>>,
): Pick<Handlers, 'fingerprint'> {
  return {
    fingerprint: {
      start: async (input) => refresh.start(input),
      cancel: async ({ id }) => {
        refresh.cancel(id);
        return null;
      },
    },
  };
}
