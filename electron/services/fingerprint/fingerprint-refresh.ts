import { AppFailure } from '../../../shared/errors';
import type { EventHub } from '../ipc/event-hub';
import type { Logger } from '../log/logger';
import { createOperationRunner, type OperationRunner } from '../operations/operation-runner';
import type { FingerprintService } from './fingerprint-service';
import { NoFingerprintComponentsError } from './hash-components';

export interface FingerprintRefreshOptions {
  fingerprint: FingerprintService;
  events: EventHub;
  logger?: Logger;
}

/**
 * Reading this computer's fingerprint again when someone asks, as a long-running
 * operation: progress per system source read, cancellable, one at a time.
 */
export function createFingerprintRefresh({
  fingerprint,
  events,
  logger,
}: FingerprintRefreshOptions): OperationRunner<Record<string, never>> {
  return createOperationRunner({
    event: 'fingerprint.progress',
    events,
    ...(logger !== undefined && { logger }),
    keyOf: () => 'this computer',
    async work(_input, { signal, progress }) {
      try {
        await fingerprint.refresh({ signal, onProgress: progress });
      } catch (error) {
        if (error instanceof NoFingerprintComponentsError) {
          throw new AppFailure({ code: 'UNKNOWN', message: 'This computer reported nothing that identifies it.' });
        }
        throw error;
      }
    },
  });
}
