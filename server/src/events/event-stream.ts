import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { ACCOUNT_EVENTS_KEPT_MINUTES } from '../../../shared/api/events';
import type { AuthContext } from '../http/authenticate';
import { activeSession } from '../identity/sessions';
import type { Services } from '../services';
import { accountEventsAfter, latestAccountEventSeq, type StoredAccountEvent } from './account-events';
import { type StreamPosition, parseStreamId, streamId } from './stream-ids';

/** Replay more than this and the client is better off reloading everything. */
const MOST_REPLAYED = 500;
/**
 * A `Last-Event-ID` this close to the end of what is kept is treated as too old: an event
 * committed late may carry a time a little before its neighbours'.
 */
const MARGIN_MS = 60_000;
/** How long the browser's EventSource waits before it reconnects. */
const RETRY_MS = 3_000;

/**
 * Serves one `GET /v1/events` stream on a response Fastify has handed over (hijacked):
 * what was missed since `Last-Event-ID` (or `reset`), then `ready`, then the account's
 * events as they are committed, a comment line when idle, and the end when the stream's
 * session ends or the service shuts down.
 */
export async function serveEventStream(input: {
  services: Services;
  auth: AuthContext;
  lastEventId: string | undefined;
  response: ServerResponse;
  log: FastifyBaseLogger;
}): Promise<void> {
  const { services, auth, response } = input;
  const { db } = services;
  let ended = false;
  let keepAlive: NodeJS.Timeout | undefined = undefined;
  /** Events already sent, so one that arrives live and in the replay goes out once. */
  const sent = new Set<number>();
  let highest = 0;
  /** Live events that came while the replay was read. */
  let held: StoredAccountEvent[] | null = [];

  const write = (text: string) => {
    if (!ended && !response.destroyed) response.write(text);
  };
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(keepAlive);
    unsubscribe();
    if (!response.destroyed) response.end();
  };
  const send = (stored: StoredAccountEvent) => {
    if (ended || sent.has(stored.seq)) return;
    sent.add(stored.seq);
    if (sent.size > MOST_REPLAYED * 2) sent.delete(sent.values().next().value!);
    highest = Math.max(highest, stored.seq);
    write(message(streamId({ seq: stored.seq, at: stored.createdAt }), stored.event.type, stored.event.data));
    // The stream belongs to its session: once that ends, so does the stream.
    if (stored.event.type === 'session.revoked' && stored.event.data.sessionId === auth.sessionId) end();
  };
  const catchUp = () => {
    void accountEventsAfter(db, auth.userId, highest, MOST_REPLAYED).then(
      (events) => events.forEach(send),
      () => {},
    );
  };

  const unsubscribe = services.events.subscribe({
    userId: auth.userId,
    deliver: (event) => (held ? held.push(event) : send(event)),
    catchUp,
    close: end,
  });
  response.on('close', end);

  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // Proxies that buffer (nginx) would hold events back.
    'x-accel-buffering': 'no',
    // A stream's connection is not reused: once the stream ends, so does its socket, and
    // a closing service is not kept waiting by it.
    connection: 'close',
  });
  write(`retry: ${RETRY_MS}\n\n`);

  try {
    const now = services.now();
    const latest = await latestAccountEventSeq(db, auth.userId);
    const from = input.lastEventId === undefined ? undefined : parseStreamId(input.lastEventId);
    const here = (): string => streamId({ seq: Math.max(highest, latest), at: services.now() });
    if (input.lastEventId === undefined) {
      highest = latest;
      write(message(here(), 'ready', { replayed: 0 }));
    } else if (!from) {
      highest = latest;
      write(message(here(), 'reset', { reason: 'not_recognised' }));
    } else if (tooOld(from, now)) {
      highest = latest;
      write(message(here(), 'reset', { reason: 'too_old' }));
    } else {
      const missed = await accountEventsAfter(db, auth.userId, from.seq, MOST_REPLAYED + 1);
      if (missed.length > MOST_REPLAYED) {
        highest = latest;
        write(message(here(), 'reset', { reason: 'too_old' }));
      } else {
        highest = from.seq;
        missed.forEach(send);
        write(message(here(), 'ready', { replayed: missed.length }));
      }
    }
    const waiting = held;
    held = null;
    waiting.forEach(send);
  } catch (error) {
    input.log.warn({ err: error }, 'could not open an account event stream');
    end();
    return;
  }

  keepAlive = setInterval(() => {
    write(': keep-alive\n\n');
    // Belt and braces: a session ended without an event (one missed while the listening
    // connection was down) still ends its stream within one interval.
    void activeSession(db, auth.sessionId).then(
      (session) => {
        if (!session) end();
      },
      () => {},
    );
  }, services.config.eventsKeepAliveMs);
}

const tooOld = (from: StreamPosition, now: Date): boolean =>
  from.at.getTime() < now.getTime() - ACCOUNT_EVENTS_KEPT_MINUTES * 60_000 + MARGIN_MS;

/** One Server-Sent Events message; JSON has no raw line breaks, so one `data:` line. */
const message = (id: string, event: string, data: unknown): string =>
  `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
