import WebSocket from 'ws';
import type { ChatView } from '../../../shared/contract/chat';
import { AppFailure } from '../../../shared/errors';
import type { AccessTokenSource } from '../api/api-client';
import type { AppEvents } from '../events/app-events';
import { describeError, type Logger, silentLogger } from '../log/logger';
import { type ChatInput, type ChatState, chatReducer, initialChatState, isLive } from './chat-machine';
import { type ChatClientMessage, chatSocketUrl, readChatFrame } from './chat-protocol';

/** docs/api.md: a socket that has not authenticated within 10 s is closed with this code, as is a bad token. */
export const CHAT_REFUSED_CODE = 4401;

export interface ChatClientOptions {
  apiBaseUrl: string;
  /** The session's access token; `rejected` asks for a fresh one (the service refused that one). */
  accessToken: AccessTokenSource;
  /** Emits `chat.changed`; follows `session.changed` (a sign-out closes the chat). */
  events: AppEvents;
  userAgent?: string;
  /** How long `toTicket` waits for the service's `ticket`. */
  ticketTimeoutMs?: number;
  /** How long an `end` waits for the service's `ended` before the socket is closed here. */
  endTimeoutMs?: number;
  logger?: Logger;
}

export interface ChatClient {
  view(): ChatView;
  start(): Promise<ChatView>;
  send(body: string): void;
  end(): void;
  toTicket(subject: string): Promise<{ id: string; number: string }>;
  dismiss(): ChatView;
  /** The app is closing: the socket goes, nothing more is emitted. */
  stop(): void;
}

interface Connection {
  socket: WebSocket;
  /** The token this socket authenticated with: a 4401 asks for a fresh one instead of it. */
  token: string;
  /** Whether this socket already tried a refreshed token. */
  retried: boolean;
}

/** Where the service takes the customer's messages: queued and with no agent on duty too (docs/api.md; they become the ticket's body). */
const canWrite = new Set<ChatView['phase']>(['queued', 'noAgents', 'connected']);

const notConnected = () => new AppFailure({ code: 'CONFLICT', message: 'The chat is not open, so nothing was sent.' });

/**
 * The app's one live chat (docs/api.md "Support", the customer's WebSocket). The socket and
 * the token live here: the token goes in the first frame, never in the URL nor a log, and the
 * renderer sees only the chat's view, pushed as `chat.changed` on every change.
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const { events, accessToken, logger = silentLogger } = options;
  const url = chatSocketUrl(options.apiBaseUrl);
  const ticketTimeoutMs = options.ticketTimeoutMs ?? 15_000;
  const endTimeoutMs = options.endTimeoutMs ?? 5_000;
  let state: ChatState = initialChatState;
  let connection: Connection | null = null;
  /** Bumped whenever the chat's socket is let go: a late token or event of an older one is dropped. */
  let generation = 0;
  let stopped = false;
  let endTimer: NodeJS.Timeout | null = null;
  let ticketWait: { resolve(ticket: { id: string; number: string }): void; reject(error: AppFailure): void; timer: NodeJS.Timeout } | null =
    null;

  function dispatch(input: ChatInput) {
    const next = chatReducer(state, input);
    if (next === state) return;
    const changed = next.view !== state.view;
    state = next;
    if (!isLive(state)) letGo();
    if (changed && !stopped) events.emit('chat.changed', state.view);
  }

  /** Closes the socket (if any) and forgets it; its later events are ignored. */
  function letGo() {
    generation++;
    if (endTimer) clearTimeout(endTimer);
    endTimer = null;
    failTicket(new AppFailure({ code: 'NETWORK_OFFLINE', message: 'The chat closed before the ticket was made.', details: { reason: 'service' } }));
    const socket = connection?.socket;
    connection = null;
    if (socket && socket.readyState !== WebSocket.CLOSED) socket.close(1000);
  }

  function failTicket(error: AppFailure) {
    if (!ticketWait) return;
    const wait = ticketWait;
    ticketWait = null;
    clearTimeout(wait.timer);
    wait.reject(error);
  }

  function write(message: ChatClientMessage) {
    const socket = connection?.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  async function connect(mine: number, rejected?: string, retried = false) {
    let token: string;
    try {
      token = await accessToken(rejected === undefined ? undefined : { rejected });
    } catch (error) {
      if (mine !== generation) return;
      logger.info('no token for the chat', { error: describeError(error) });
      dispatch({ type: 'refused' });
      return;
    }
    if (mine !== generation || stopped) return;
    const socket = new WebSocket(url, {
      handshakeTimeout: 10_000,
      // The service's frames are small; a huge one is not a chat message.
      maxPayload: 256 * 1024,
      ...(options.userAgent !== undefined && { headers: { 'User-Agent': options.userAgent } }),
    });
    const here: Connection = { socket, token, retried };
    connection = here;
    const current = () => mine === generation && connection === here;

    socket.on('open', () => {
      if (current()) write({ type: 'auth', token });
    });
    socket.on('message', (data, isBinary) => {
      if (!current() || isBinary) return;
      const message = readChatFrame(data.toString());
      if (message === null) {
        logger.warn('a chat frame did not match the contract');
        return;
      }
      if (message.type === 'error') {
        logger.warn('the service refused a chat frame', { errorCode: message.code });
        // The only ask that waits for an answer is the ticket: a refusal now is its answer.
        failTicket(
          new AppFailure({
            code: message.code === 'RATE_LIMITED' || message.code === 'VALIDATION_FAILED' ? message.code : 'CONFLICT',
            message: message.message,
          }),
        );
        return;
      }
      if (message.type === 'ticket' && ticketWait) {
        const wait = ticketWait;
        ticketWait = null;
        clearTimeout(wait.timer);
        wait.resolve({ id: message.id, number: message.number });
      }
      dispatch({ type: 'server', message });
    });
    socket.on('error', (error) => {
      // 'close' follows; only the kind of failure is logged (the URL holds no secret, the token is not in it).
      if (current()) logger.info('the chat socket failed', { error: describeError(error) });
    });
    socket.on('close', (code) => {
      if (!current()) return;
      connection = null;
      if (code === CHAT_REFUSED_CODE) {
        if (!here.retried) {
          logger.info('the service refused the chat token; trying a fresh one');
          void connect(mine, here.token, true);
          return;
        }
        logger.info('the service refused the chat token again');
        dispatch({ type: 'refused' });
        return;
      }
      logger.info('the chat socket closed', { closeCode: code });
      failTicket(new AppFailure({ code: 'NETWORK_OFFLINE', message: 'The chat closed before the ticket was made.', details: { reason: 'service' } }));
      dispatch({ type: 'dropped' });
    });
  }

  // Signed out (or another account signed in): the chat was that person's; it goes, and its messages with it.
  let userId: string | null = null;
  const offSession = events.on('session.changed', (session) => {
    const next = session.user?.id ?? null;
    const sameUser = next !== null && (userId === null || next === userId);
    userId = next;
    if (!sameUser && state !== initialChatState) {
      letGo();
      state = initialChatState;
      if (!stopped) events.emit('chat.changed', state.view);
    }
  });

  return {
    view: () => state.view,
    async start() {
      if (stopped) throw new AppFailure({ code: 'UNKNOWN', message: 'The app is closing.' });
      const before = state;
      dispatch({ type: 'start' });
      if (state !== before && state.view.phase === 'connecting') void connect(generation);
      return state.view;
    },
    send(body) {
      // Before an agent joins too: what was written waits for them, or goes into the ticket.
      if (!canWrite.has(state.view.phase) || !write({ type: 'message', body })) throw notConnected();
    },
    end() {
      if (!isLive(state)) return;
      dispatch({ type: 'ending' });
      if (!write({ type: 'end' })) {
        // Not open yet (connecting): there is nothing to tell the service; the close is the end.
        dispatch({ type: 'dropped' });
        return;
      }
      const mine = generation;
      endTimer = setTimeout(() => {
        endTimer = null;
        if (mine === generation) dispatch({ type: 'dropped' });
      }, endTimeoutMs);
    },
    toTicket(subject) {
      const view = state.view;
      if (view.ticket) return Promise.resolve(view.ticket);
      if (view.phase !== 'noAgents' && view.phase !== 'queued') {
        return Promise.reject(new AppFailure({ code: 'CONFLICT', message: 'A chat becomes a ticket only before an agent joins it.' }));
      }
      if (ticketWait) {
        return Promise.reject(new AppFailure({ code: 'CONFLICT', message: 'The ticket is being made already.' }));
      }
      if (!write({ type: 'toTicket', subject })) return Promise.reject(notConnected());
      dispatch({ type: 'ticketRequested' });
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          ticketWait = null;
          dispatch({ type: 'ticketFailed' });
          reject(new AppFailure({ code: 'TIMEOUT', message: 'The service did not make the ticket in time.' }));
        }, ticketTimeoutMs);
        ticketWait = {
          resolve,
          reject: (error) => {
            dispatch({ type: 'ticketFailed' });
            reject(error);
          },
          timer,
        };
      });
    },
    dismiss() {
      dispatch({ type: 'dismiss' });
      return state.view;
    },
    stop() {
      stopped = true;
      offSession();
      letGo();
    },
  };
}
