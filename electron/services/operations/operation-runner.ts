import { randomUUID } from 'node:crypto';
import type { OperationProgress } from '../../../shared/contract/define';
import type { EventName } from '../../../shared/contract/types';
import { AppFailure, type AppError } from '../../../shared/errors';
import type { EventHub } from '../ipc/event-hub';
import { type Logger, describeError, silentLogger } from '../log/logger';

/** The events that report an operation's progress (`<area>.progress`). */
export type ProgressEventName = Extract<EventName, `${string}.progress`>;

/** What a piece of long-running work is given: a signal that aborts on cancel, and where to report. */
export interface OperationContext {
  readonly signal: AbortSignal;
  /** Reports how far the work is; `total` is 0 while unknown. Ignored once cancelled. */
  progress(done: number, total: number, state?: 'running' | 'paused'): void;
}

export type OperationWork<I> = (input: I, context: OperationContext) => Promise<void>;

export interface OperationRunnerOptions<I> {
  /** Where progress goes: the area's `<area>.progress` event. */
  event: ProgressEventName;
  events: EventHub;
  work: OperationWork<I>;
  /** Operations with the same key run once: starting again answers the id of the one under way. */
  keyOf?: (input: I) => string;
  newId?: () => string;
  logger?: Logger;
}

export interface OperationRunner<I> {
  start(input: I): { id: string };
  /** Cancels an operation under way; an id that is not (any more) running is `NOT_FOUND`. */
  cancel(id: string): void;
}

interface Running {
  key: string | undefined;
  controller: AbortController;
  done: number;
  total: number;
}

const unknownOperation: AppError = { code: 'NOT_FOUND', message: 'That task has already finished or never started.' };
const workFailed: AppError = { code: 'UNKNOWN', message: 'Something went wrong. Please try again.' };

/**
 * Runs an area's long-running work in the background: each start gets an id, progress
 * goes out through the event hub in order, and exactly one final state ends it. After
 * `cancelled` nothing more is sent for that id, whatever the work does next.
 */
export function createOperationRunner<I>(options: OperationRunnerOptions<I>): OperationRunner<I> {
  const { event, events, work, keyOf, newId = randomUUID, logger = silentLogger } = options;
  const running = new Map<string, Running>();

  const emit = (id: string, progress: Omit<OperationProgress, 'id'>) =>
    events.emit(event, { id, ...progress } as never);

  function finish(id: string, entry: Running, progress: Omit<OperationProgress, 'id'>) {
    if (running.get(id) !== entry) return; // cancelled meanwhile: its last word was `cancelled`
    running.delete(id);
    emit(id, progress);
  }

  return {
    start(input) {
      const key = keyOf?.(input);
      if (key !== undefined) {
        for (const [id, entry] of running) if (entry.key === key) return { id };
      }
      const id = newId();
      const entry: Running = { key, controller: new AbortController(), done: 0, total: 0 };
      running.set(id, entry);
      const context: OperationContext = {
        signal: entry.controller.signal,
        progress(done, total, state = 'running') {
          if (running.get(id) !== entry) return;
          entry.done = done;
          entry.total = total;
          emit(id, { state, done, total });
        },
      };
      // Begins after the answer to `start` has gone out, so the caller knows the id its events carry.
      setImmediate(() => {
        if (running.get(id) !== entry) return;
        emit(id, { state: 'running', done: 0, total: 0 });
        work(input, context).then(
          () => finish(id, entry, { state: 'done', done: Math.max(entry.done, entry.total), total: entry.total }),
          (error: unknown) => {
            if (running.get(id) !== entry) return;
            if (!(error instanceof AppFailure))
              logger.warn('an operation failed', { event, error: describeError(error) });
            const appError = error instanceof AppFailure ? error.toError() : workFailed;
            finish(id, entry, { state: 'failed', done: entry.done, total: entry.total, error: appError });
          },
        );
      });
      return { id };
    },
    cancel(id) {
      const entry = running.get(id);
      if (!entry) throw new AppFailure(unknownOperation);
      running.delete(id);
      entry.controller.abort();
      emit(id, { state: 'cancelled', done: entry.done, total: entry.total });
    },
  };
}
