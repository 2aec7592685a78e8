import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { type BackoffPolicy, backoffDelay } from '../../../shared/backoff';
import { AppFailure, isTransientFailure } from '../../../shared/errors';
import type { AccessTokenSource } from '../api/api-client';
import { describeError, type Logger, silentLogger } from '../log/logger';

export interface EventStreamOptions {
  /** The stream's address, `<service>/v1/events`. */
  url: string;
  accessToken: AccessTokenSource;
  onMessage(message: EventSourceMessage): void;
  /** The stream ended for good: the session behind it is over (its token cannot be refreshed). */
  onSessionEnded?(): void;
  userAgent?: string;
  /** No byte for this long (keep-alive comments included) means the connection is dead. */
  silenceMs: number;
  backoff?: BackoffPolicy;
  logger?: Logger;
}

export interface EventStream {
  /** Closes the connection and cancels any wait; nothing is called after it. */
  stop(): void;
  /** The id of the last event received, which a reconnection presents as `Last-Event-ID`. */
  lastEventId(): string | undefined;
  /** Whether a connection is open now (the service accepted it and it has not dropped). */
  connected(): boolean;
}

export const STREAM_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000 };

/** The refresh said the session is over: reconnecting cannot help. */
const sessionIsOver = (error: unknown) => error instanceof AppFailure && !isTransientFailure(error.code);

class Refused extends Error {
  constructor(readonly status: number) {
    super(`the event stream was refused with ${status}`);
  }
}

/**
 * One Server-Sent Events connection kept open for as long as it is wanted: reconnects with
 * the app's backoff and `Last-Event-ID` (so nothing is missed), refreshes the access token
 * when the service refuses it with 401, and counts silence longer than `silenceMs` as a
 * dead connection, which a sleeping laptop or a dropped NAT mapping leaves without a close.
 */
export function openEventStream(options: EventStreamOptions): EventStream {
  const { url, accessToken, onMessage, silenceMs, backoff = STREAM_BACKOFF, logger = silentLogger } = options;
  let stopped = false;
  let lastId: string | undefined;
  let connection: AbortController | undefined;
  let accepted = false;
  let wake: (() => void) | undefined;
  let waitTimer: NodeJS.Timeout | undefined;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      waitTimer = setTimeout(resolve, ms);
    }).finally(() => {
      clearTimeout(waitTimer);
      wake = undefined;
    });

  /** Reads one connection until it ends; `received.any` says whether the service sent an event on it. */
  async function connect(token: string, received: { any: boolean }): Promise<void> {
    const controller = new AbortController();
    connection = controller;
    let silence: NodeJS.Timeout | undefined;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => controller.abort(new Error('the event stream went silent')), silenceMs);
    };
    heard();
    try {
      const response = await fetch(url, {
        headers: {
          accept: 'text/event-stream',
          authorization: `Bearer ${token}`,
          ...(lastId !== undefined && { 'last-event-id': lastId }),
          ...(options.userAgent !== undefined && { 'user-agent': options.userAgent }),
        },
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        await response.body?.cancel().catch(() => {});
        throw new Refused(response.status);
      }
      accepted = true;
      const parser = createParser({
        onEvent: (message) => {
          received.any = true;
          if (message.id !== undefined) lastId = message.id;
          if (!stopped) onMessage(message);
        },
        // An event can be large, never endless: a broken stream must not fill memory.
        maxBufferSize: 1 << 20,
        onError: (error) => logger.warn('the event stream sent something unreadable', { error: describeError(error) }),
      });
      for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
        heard();
        parser.feed(chunk);
      }
    } finally {
      accepted = false;
      clearTimeout(silence);
      controller.abort();
      if (connection === controller) connection = undefined;
    }
  }

  async function run() {
    let attempt = 0;
    let rejected: string | undefined;
    while (!stopped) {
      let token: string;
      try {
        token = await accessToken(rejected !== undefined ? { rejected } : undefined);
      } catch (error) {
        if (stopped) return;
        if (sessionIsOver(error)) {
          logger.info('the event stream stops: the session is over');
          stopped = true;
          options.onSessionEnded?.();
          return;
        }
        await wait(backoffDelay(attempt++, backoff));
        continue;
      }
      if (stopped) return;
      // Two refusals of tokens in a row are not fixed by refreshing at once again.
      const refusedBefore = rejected !== undefined;
      rejected = undefined;
      const received = { any: false };
      try {
        await connect(token, received);
      } catch (error) {
        if (stopped) return;
        if (error instanceof Refused && error.status === 401) {
          rejected = token;
          if (!refusedBefore) continue;
        } else {
          logger.debug('the event stream dropped', { error: describeError(error) });
        }
      }
      if (stopped) return;
      // A connection that delivered events was healthy: start the backoff over.
      if (received.any) attempt = 0;
      await wait(backoffDelay(attempt++, backoff));
    }
  }

  void run();
  return {
    stop() {
      stopped = true;
      connection?.abort();
      wake?.();
    },
    lastEventId: () => lastId,
    connected: () => accepted && !stopped,
  };
}
