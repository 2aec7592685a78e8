import { describeError, type Logger, silentLogger } from '../log/logger';

export const HEARTBEAT_INTERVAL_MS = 6 * 60 * 60 * 1000;
/** Coming back to the window after this long without a heartbeat asks the service again. */
export const FOCUS_HEARTBEAT_AFTER_MS = 15 * 60 * 1000;

export interface HeartbeatScheduler {
  /** A heartbeat now when `immediately`, then one every interval; replaces any earlier schedule. */
  start(immediately: boolean): void;
  stop(): void;
  /** A heartbeat happened outside the schedule (a check someone asked for): the focus rule counts from it. */
  beaten(): void;
  /** The window came to the front: a heartbeat now if the last one is older than `focusAfterMs`. */
  focused(): void;
}

/**
 * When heartbeats happen: every six hours while someone is signed in, and when the person
 * comes back to the window after a quarter of an hour without one, so what they look at is
 * fresh. A beat that fails waits for the next one (or for the network to come back); the
 * API client has already retried it with backoff.
 */
export function createHeartbeatScheduler({
  beat,
  intervalMs = HEARTBEAT_INTERVAL_MS,
  focusAfterMs = FOCUS_HEARTBEAT_AFTER_MS,
  now = Date.now,
  logger = silentLogger,
}: {
  beat: () => Promise<unknown>;
  intervalMs?: number;
  focusAfterMs?: number;
  now?: () => number;
  logger?: Logger;
}): HeartbeatScheduler {
  let timer: NodeJS.Timeout | undefined;
  let lastBeatAt = 0;
  const run = () => {
    lastBeatAt = now();
    void beat().catch((error: unknown) => logger.warn('heartbeat failed', { error: describeError(error) }));
  };
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  return {
    start(immediately) {
      stop();
      if (immediately) run();
      else lastBeatAt = now();
      timer = setInterval(run, intervalMs);
      timer.unref();
    },
    stop,
    beaten: () => void (lastBeatAt = now()),
    focused() {
      // Only while scheduled: signed out, removed or not registered, there is nothing to ask.
      if (timer && now() - lastBeatAt >= focusAfterMs) run();
    },
  };
}
