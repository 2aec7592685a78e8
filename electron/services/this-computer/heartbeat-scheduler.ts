import { describeError, type Logger, silentLogger } from '../log/logger';

export const HEARTBEAT_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface HeartbeatScheduler {
  /** A heartbeat now when `immediately`, then one every interval; replaces any earlier schedule. */
  start(immediately: boolean): void;
  stop(): void;
}

/**
 * When heartbeats happen: every six hours while someone is signed in. A beat that fails
 * waits for the next one (or for the network to come back); the API client has already
 * retried it with backoff.
 */
export function createHeartbeatScheduler({
  beat,
  intervalMs = HEARTBEAT_INTERVAL_MS,
  logger = silentLogger,
}: {
  beat: () => Promise<unknown>;
  intervalMs?: number;
  logger?: Logger;
}): HeartbeatScheduler {
  let timer: NodeJS.Timeout | undefined;
  const run = () =>
    void beat().catch((error: unknown) => logger.warn('heartbeat failed', { error: describeError(error) }));
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  return {
    start(immediately) {
      stop();
      if (immediately) run();
      timer = setInterval(run, intervalMs);
      timer.unref();
    },
    stop,
  };
}
