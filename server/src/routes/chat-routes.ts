import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { WebSocket } from '@fastify/websocket';
import type { z } from 'zod';
import { sessionIsLive, VerifiedTokens } from '../http/authenticate';
import { ServiceError } from '../http/service-error';
import type { AccessTokenClaims } from '../identity/access-tokens';
import { findUserById } from '../identity/users';
import type { Services } from '../services';
import { isAgent } from '../support/agents';
import { chatToTicket, endChat, joinChat, sayInChat, startChat, type ChatContext } from '../support/chat/chat-actions';
import { type AgentFrame, agentFrameSchema, authFrameSchema, chatError, type CustomerFrame, customerFrameSchema, readFrame } from '../support/chat/chat-frames';
import { type ChatHub, sendFrame } from '../support/chat/chat-hub';
import { chatMessages } from '../support/chat/chat-store';

/** docs/api.md "Support": a missing, bad or expired token. */
export const CHAT_UNAUTHORIZED = 4401;
/** A signed-in account that is not support staff, on the agent socket. */
export const CHAT_FORBIDDEN = 4403;
/** Frames a socket may send in a window; more are answered RATE_LIMITED and dropped. */
const FRAMES_PER_WINDOW = 30;
const FRAME_WINDOW_MS = 10_000;
/** A socket that answers no ping within this long is dropped: a half-open connection is not someone on duty. */
const PING_MS = 30_000;

type Frame = { data: Buffer | ArrayBuffer | Buffer[]; isBinary: boolean };

/**
 * One socket's frames, one at a time in arrival order: the first must be `auth` within
 * `authTimeoutMs` (else 4401); after it, each goes to `handle`. Whatever a frame does
 * wrong is answered, never thrown: a socket cannot take the service down.
 */
function serveSocket(
  socket: WebSocket,
  options: {
    authTimeoutMs: number;
    log: FastifyBaseLogger;
    verify: (token: string) => Promise<AccessTokenClaims | null>;
    /** Authenticated: whom the socket serves, or a close code to refuse them. */
    admit: (claims: AccessTokenClaims) => Promise<((frame: Frame) => Promise<void>) | number>;
    closed: () => Promise<void> | void;
  },
): void {
  let handle: ((frame: Frame) => Promise<void>) | undefined;
  let work = Promise.resolve();
  let windowStart = Date.now();
  let frames = 0;
  const refuse = (code: number) => socket.close(code, code === CHAT_FORBIDDEN ? 'Only support staff can use this chat.' : 'Sign in to chat.');
  const timer = setTimeout(() => handle === undefined && refuse(CHAT_UNAUTHORIZED), options.authTimeoutMs);

  const first = async ({ data, isBinary }: Frame) => {
    const read = readFrame(authFrameSchema, data, isBinary);
    const claims = 'frame' in read ? await options.verify(read.frame.token) : null;
    if (!claims) return refuse(CHAT_UNAUTHORIZED);
    const admitted = await options.admit(claims);
    if (typeof admitted === 'number') return refuse(admitted);
    clearTimeout(timer);
    handle = admitted;
  };

  socket.on('message', (data, isBinary) => {
    const now = Date.now();
    if (now - windowStart >= FRAME_WINDOW_MS) [windowStart, frames] = [now, 0];
    if (++frames > FRAMES_PER_WINDOW) return sendFrame(socket, chatError('RATE_LIMITED', 'Too many messages. Wait a moment and try again.'));
    work = work.then(async () => {
      if (socket.readyState !== socket.OPEN) return;
      try {
        if (handle) await handle({ data, isBinary });
        else await first({ data, isBinary });
      } catch (error) {
        options.log.warn({ err: error }, 'a chat frame failed');
        if (handle) sendFrame(socket, chatError('UNAVAILABLE', 'That did not work. Try again in a moment.'));
        else refuse(CHAT_UNAUTHORIZED);
      }
    });
  });
  let answered = true;
  socket.on('pong', () => (answered = true));
  const pinger = setInterval(() => {
    if (!answered) return socket.terminate();
    answered = false;
    socket.ping();
  }, PING_MS);
  pinger.unref();
  socket.on('error', () => {});
  socket.on('close', () => {
    clearTimeout(timer);
    clearInterval(pinger);
    // After the frames in hand: a chat ended by a close is ended after its last message.
    work = work.then(options.closed).catch((error: unknown) => options.log.warn({ err: error }, 'a chat socket did not close cleanly'));
  });
}

/** Reads a frame with `schema`; answers the error frame and returns undefined when it is not one. */
function frameOf<T>(socket: WebSocket, schema: z.ZodType<T>, frame: Frame): T | undefined {
  const read = readFrame(schema, frame.data, frame.isBinary);
  if ('error' in read) return void sendFrame(socket, read.error);
  return read.frame;
}

/**
 * docs/api.md "Support", live chat: the customer's socket and the agent's. The access token
 * comes in the first frame only; an address with a query (a token put in the URL) is
 * refused before the upgrade, so such a client fails at once instead of leaking the token
 * into proxies' logs unnoticed.
 */
export const chatRoutes: FastifyPluginAsyncZod<{ services: Services; hub: ChatHub }> = async (app, { services, hub }) => {
  const { db } = services;
  const tokens = new VerifiedTokens(services.accessTokens, services.now);
  const context: ChatContext = { db, hub, now: services.now };
  const verify = async (token: string) => {
    const claims = await tokens.verify(token);
    return claims && (await sessionIsLive(db, claims)) ? claims : null;
  };
  const authTimeoutMs = services.config.chatAuthTimeoutMs;

  app.addHook('onRequest', async (request) => {
    if (request.url.includes('?')) {
      throw new ServiceError('VALIDATION_FAILED', 'The chat takes its token in the first message, never in the address.', { fields: [{ field: 'query', problem: 'not allowed' }] });
    }
  });

  app.get('/v1/support/chat', { websocket: true, schema: { hide: true } }, (socket, request) => {
    let chatId: string | undefined;
    let leave = () => {};
    serveSocket(socket, {
      authTimeoutMs,
      log: request.log,
      verify,
      admit: async (claims) => {
        const user = await findUserById(db, claims.userId);
        if (!user || hub.closed) return CHAT_UNAUTHORIZED;
        const chat = await startChat(context, { userId: user.id, name: user.name });
        chatId = chat.id;
        const connection = { userId: user.id, chatId: chat.id, socket };
        leave = hub.addCustomer(connection);
        hub.greet(connection, chat.status === 'queued' ? 'queued' : 'noAgents');
        return async (frame) => {
          const message = frameOf<CustomerFrame>(socket, customerFrameSchema, frame);
          if (!message) return;
          const done =
            message.type === 'message'
              ? await sayInChat(context, { chatId: chat.id, author: 'customer', authorName: user.name, body: message.body })
              : message.type === 'end'
                ? await endChat(context, chat.id)
                : await chatToTicket(context, chat.id, message.subject);
          if (done && 'error' in done) sendFrame(socket, done.error);
          else if (done) sendFrame(socket, { type: 'ticket', ...done });
        };
      },
      // A customer who closes the socket without `end` has left: the chat ends at once (the
      // app treats a drop as the end too), so no agent waits on someone who is gone.
      closed: async () => {
        leave();
        if (chatId && !hub.closed) await endChat(context, chatId);
      },
    });
  });

  app.get('/v1/agent/chat', { websocket: true, schema: { hide: true } }, (socket, request) => {
    let remove = async () => {};
    serveSocket(socket, {
      authTimeoutMs,
      log: request.log,
      verify,
      admit: async (claims) => {
        const user = await findUserById(db, claims.userId);
        if (!user || hub.closed) return CHAT_UNAUTHORIZED;
        if (!(await isAgent(db, user.id))) return CHAT_FORBIDDEN;
        const agent = { userId: user.id, name: user.name };
        ({ remove } = await hub.addAgent({ ...agent, socket }));
        return async (frame) => {
          const message = frameOf<AgentFrame>(socket, agentFrameSchema, frame);
          if (!message) return;
          if (message.type === 'join') {
            const joined = await joinChat(context, message.chatId, agent);
            if ('error' in joined) return sendFrame(socket, joined.error);
            // The conversation so far: what the customer wrote while waiting.
            sendFrame(socket, { type: 'joined', chatId: message.chatId, customerName: joined.chat.customer_name });
            for (const earlier of await chatMessages(db, message.chatId)) {
              sendFrame(socket, { type: 'message', chatId: message.chatId, body: earlier.body, from: earlier.author, at: earlier.created_at.toISOString() });
            }
            return;
          }
          const refused =
            message.type === 'message'
              ? await sayInChat(context, { chatId: message.chatId, author: 'agent', authorName: user.name, body: message.body, agentUserId: user.id })
              : await endChat(context, message.chatId, { agentUserId: user.id });
          if (refused) sendFrame(socket, refused.error);
        };
      },
      closed: () => remove(),
    });
  });
};
