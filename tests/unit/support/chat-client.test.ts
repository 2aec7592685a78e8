import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ChatView } from '../../../shared/contract/chat';
import { AppFailure } from '../../../shared/errors';
import { type ChatClient, createChatClient } from '../../../electron/services/support/chat-client';
import { createAppEvents } from '../../../electron/services/events/app-events';
import { createEventHub } from '../../../electron/services/ipc/event-hub';
import type { Logger, LogFields } from '../../../electron/services/log/logger';

/**
 * The chat client against a real WebSocket server on loopback that speaks docs/api.md's
 * customer chat: the test plays the service, frame by frame.
 */

interface Peer {
  socket: WebSocket;
  url: string;
  /** Every frame the app sent, parsed. */
  frames: unknown[];
  next(): Promise<unknown>;
  send(frame: unknown): void;
  closed: Promise<number>;
}

let server: WebSocketServer | undefined;
let client: ChatClient | undefined;

afterEach(async () => {
  client?.stop();
  client = undefined;
  if (server) {
    for (const socket of server.clients) socket.terminate();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
  }
});

async function startServer() {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/v1/support/chat' });
  server = wss;
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const waiting: ((peer: Peer) => void)[] = [];
  const arrived: Peer[] = [];
  wss.on('connection', (socket, request) => {
    const frames: unknown[] = [];
    const readers: ((frame: unknown) => void)[] = [];
    let read = 0;
    socket.on('message', (data) => {
      frames.push(JSON.parse(data.toString()));
      const reader = readers.shift();
      if (reader) reader(frames[read++]);
    });
    const peer: Peer = {
      socket,
      url: request.url ?? '',
      frames,
      next: () =>
        read < frames.length ? Promise.resolve(frames[read++]) : new Promise((resolve) => readers.push(resolve)),
      send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
      closed: new Promise((resolve) => socket.once('close', (code) => resolve(code))),
    };
    const taker = waiting.shift();
    if (taker) taker(peer);
    else arrived.push(peer);
  });
  const { port } = wss.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    /** The next socket the app opens. */
    peer: () => {
      const peer = arrived.shift();
      return peer ? Promise.resolve(peer) : new Promise<Peer>((resolve) => waiting.push(resolve));
    },
  };
}

function recordingLogger(lines: string[]): Logger {
  const log = (level: string) => (message: string, fields?: LogFields) =>
    void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: () => logger };
  return logger;
}

async function setUp(options: { tokens?: string[]; ticketTimeoutMs?: number } = {}) {
  const service = await startServer();
  const hub = createEventHub();
  const events = createAppEvents(hub);
  const views: ChatView[] = [];
  hub.subscribe((name, payload) => {
    if (name === 'chat.changed') views.push(payload as ChatView);
  });
  const tokens = [...(options.tokens ?? ['token-one'])];
  const asked: ({ rejected?: string } | undefined)[] = [];
  const logs: string[] = [];
  events.emit('session.changed', { user: { id: 'u1', email: 'a@example.com', name: 'Ada', mfaEnabled: false }, storage: 'memory' });
  client = createChatClient({
    apiBaseUrl: service.baseUrl,
    accessToken: async (o) => {
      asked.push(o);
      const token = tokens.shift();
      if (token === undefined) throw new AppFailure({ code: 'NOT_SIGNED_IN', message: 'Sign in to continue.' });
      return token;
    },
    events,
    logger: recordingLogger(logs),
    ticketTimeoutMs: options.ticketTimeoutMs ?? 2_000,
    endTimeoutMs: 500,
  });
  const until = async (test: (view: ChatView) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const last = views.at(-1);
      if (last && test(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`the chat never got there; last view: ${JSON.stringify(views.at(-1))}`);
  };
  return { service, events, views, asked, logs, client, until };
}

/** Opens a chat and answers its auth, as the service does, with a place in the queue. */
async function queued(t: Awaited<ReturnType<typeof setUp>>, position = 2) {
  await t.client.start();
  const peer = await t.service.peer();
  await peer.next();
  peer.send({ type: 'queued', chatId: 'c1', position });
  await t.until((v) => v.phase === 'queued');
  return peer;
}

describe('the chat client', () => {
  it('chat-token-never-in-the-url-or-a-log: the token goes in the first frame only', async () => {
    const t = await setUp({ tokens: ['secret-token-abc'] });
    const view = await t.client.start();
    expect(view.phase).toBe('connecting');
    const peer = await t.service.peer();
    expect(await peer.next()).toEqual({ type: 'auth', token: 'secret-token-abc' });
    expect(peer.url).toBe('/v1/support/chat');
    expect(peer.url).not.toContain('secret-token-abc');
    expect(t.logs.join('\n')).not.toContain('secret-token-abc');
    expect(JSON.stringify(t.views)).not.toContain('secret-token-abc');
  });

  it('queues, connects to the agent and carries messages both ways', async () => {
    const t = await setUp();
    const peer = await queued(t, 2);
    expect(t.views.at(-1)).toMatchObject({ phase: 'queued', position: 2 });
    peer.send({ type: 'queued', chatId: 'c1', position: 1 });
    await t.until((v) => v.position === 1);

    peer.send({ type: 'agentJoined', name: 'Grace' });
    await t.until((v) => v.phase === 'connected');
    expect(t.views.at(-1)).toMatchObject({ agentName: 'Grace', position: null });

    peer.send({ type: 'message', body: 'Hello, how can I help?', from: 'agent', at: '2026-12-03T09:00:00Z' });
    await t.until((v) => v.messages.length === 1);
    t.client.send('My key is refused.');
    expect(await peer.next()).toEqual({ type: 'message', body: 'My key is refused.' });
    // The service echoes each message of either side; the app shows what it echoed, once.
    peer.send({ type: 'message', body: 'My key is refused.', from: 'customer', at: '2026-12-03T09:00:05Z' });
    const view = await t.until((v) => v.messages.length === 2);
    expect(view.messages.map((m) => [m.from, m.body])).toEqual([
      ['agent', 'Hello, how can I help?'],
      ['customer', 'My key is refused.'],
    ]);

    peer.send({ type: 'ended' });
    await t.until((v) => v.phase === 'ended');
    // The chat is over: its socket goes.
    expect(await peer.closed).toBe(1000);
  });

  it('takes messages while queued (they wait for the agent), refuses them before the service answered, with a typed error', async () => {
    const t = await setUp();
    await t.client.start();
    expect(() => t.client.send('too early')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    const peer = await t.service.peer();
    await peer.next();
    peer.send({ type: 'queued', chatId: 'c1', position: 1 });
    await t.until((v) => v.phase === 'queued');
    t.client.send('anyone?');
    expect(await peer.next()).toEqual({ type: 'message', body: 'anyone?' });
  });

  it('a refusal from the service answers a pending ticket, and the chat goes on', async () => {
    const t = await setUp();
    await t.client.start();
    const peer = await t.service.peer();
    await peer.next();
    peer.send({ type: 'noAgents', chatId: 'c9' });
    await t.until((v) => v.phase === 'noAgents');
    const made = t.client.toTicket('Help');
    await peer.next();
    peer.send({ type: 'error', code: 'RATE_LIMITED', message: 'Slow down.' });
    await expect(made).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(t.views.at(-1)).toMatchObject({ phase: 'noAgents', problem: 'ticketFailed', sendingTicket: false });
  });

  it('bad-chat-token-is-closed-4401: tries once with a fresh token, then says the sign-in was refused', async () => {
    const t = await setUp({ tokens: ['stale', 'also-refused'] });
    await t.client.start();
    const first = await t.service.peer();
    expect(await first.next()).toEqual({ type: 'auth', token: 'stale' });
    first.socket.close(4401, 'Unauthorized');
    const second = await t.service.peer();
    expect(await second.next()).toEqual({ type: 'auth', token: 'also-refused' });
    expect(t.asked[1]).toEqual({ rejected: 'stale' });
    second.socket.close(4401, 'Unauthorized');
    const view = await t.until((v) => v.phase === 'cut');
    expect(view.problem).toBe('signedOut');
    // Once only: no third socket.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.asked).toHaveLength(2);
  });

  it('a 4401 then a fresh token the service takes goes on as a chat', async () => {
    const t = await setUp({ tokens: ['stale', 'fresh'] });
    await t.client.start();
    const first = await t.service.peer();
    await first.next();
    first.socket.close(4401);
    const second = await t.service.peer();
    expect(await second.next()).toEqual({ type: 'auth', token: 'fresh' });
    second.send({ type: 'queued', chatId: 'c1', position: 1 });
    await t.until((v) => v.phase === 'queued');
  });

  it('a dropped connection mid-chat is a cut, not an end', async () => {
    const t = await setUp();
    const peer = await queued(t);
    peer.send({ type: 'agentJoined', name: 'Grace' });
    await t.until((v) => v.phase === 'connected');
    peer.socket.terminate();
    const view = await t.until((v) => v.phase === 'cut');
    expect(view).toMatchObject({ problem: 'connection', agentName: 'Grace' });
    expect(() => t.client.send('still there?')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    // A new chat can begin from a cut.
    expect((await t.client.start()).phase).toBe('connecting');
  });

  it('a service that cannot be reached cuts the chat rather than hanging in connecting', async () => {
    const t = await setUp();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await t.client.start();
    const view = await t.until((v) => v.phase === 'cut');
    expect(view.problem).toBe('connection');
  });

  it('ignores garbled and unknown frames and goes on', async () => {
    const t = await setUp();
    const peer = await queued(t);
    const before = t.views.length;
    peer.send('not json {');
    peer.send({ type: 'surprise', chatId: 'c1' });
    peer.send({ type: 'queued', chatId: 'c1', position: 'first' });
    peer.send({ type: 'agentJoined' });
    peer.socket.send(Buffer.from([0, 1, 2]), { binary: true });
    peer.send({ type: 'agentJoined', name: 'Grace' });
    const view = await t.until((v) => v.phase === 'connected');
    expect(view.agentName).toBe('Grace');
    expect(t.views.length).toBe(before + 1);
    expect(t.logs.filter((line) => line.includes('did not match'))).toHaveLength(4);
  });

  it('with no agent on duty, sends the conversation as a ticket and shows its number', async () => {
    const t = await setUp();
    await t.client.start();
    const peer = await t.service.peer();
    await peer.next();
    peer.send({ type: 'noAgents', chatId: 'c9' });
    await t.until((v) => v.phase === 'noAgents');
    const made = t.client.toTicket('My key is refused');
    expect(await peer.next()).toEqual({ type: 'toTicket', subject: 'My key is refused' });
    expect(t.views.at(-1)?.sendingTicket).toBe(true);
    peer.send({ type: 'ticket', id: 't-1', number: 'T-000042' });
    expect(await made).toEqual({ id: 't-1', number: 'T-000042' });
    // The conversation is a ticket now: the chat is over and its socket goes.
    expect(t.views.at(-1)).toMatchObject({ phase: 'ended', ticket: { number: 'T-000042' }, sendingTicket: false });
    expect(await peer.closed).toBe(1000);
  });

  it('a ticket the service never makes fails in time, and can be asked again', async () => {
    const t = await setUp({ ticketTimeoutMs: 200 });
    await t.client.start();
    const peer = await t.service.peer();
    await peer.next();
    peer.send({ type: 'noAgents', chatId: 'c9' });
    await t.until((v) => v.phase === 'noAgents');
    await expect(t.client.toTicket('Help')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(t.views.at(-1)).toMatchObject({ problem: 'ticketFailed', sendingTicket: false, phase: 'noAgents' });
    const again = t.client.toTicket('Help');
    await peer.next();
    await peer.next();
    peer.send({ type: 'ticket', id: 't-2', number: 'T-000043' });
    expect((await again).number).toBe('T-000043');
  });

  it('ends when the customer asks: tells the service and closes', async () => {
    const t = await setUp();
    const peer = await queued(t);
    t.client.end();
    expect(await peer.next()).toEqual({ type: 'end' });
    peer.send({ type: 'ended' });
    await t.until((v) => v.phase === 'ended');
    expect(t.client.dismiss().phase).toBe('idle');
  });

  it('an end the service does not answer still ends here', async () => {
    const t = await setUp();
    const peer = await queued(t);
    t.client.end();
    await peer.next();
    await t.until((v) => v.phase === 'ended');
    expect(await peer.closed).toBe(1000);
  });

  it('signing out closes the chat and forgets its messages', async () => {
    const t = await setUp();
    const peer = await queued(t);
    peer.send({ type: 'agentJoined', name: 'Grace' });
    peer.send({ type: 'message', body: 'private', from: 'agent', at: '2026-12-03T09:00:00Z' });
    await t.until((v) => v.messages.length === 1);
    t.events.emit('session.changed', { user: null, storage: 'memory' });
    expect(await peer.closed).toBe(1000);
    expect(t.client.view()).toMatchObject({ phase: 'idle', messages: [] });
    expect(t.views.at(-1)?.phase).toBe('idle');
  });

  it('closing the app closes the socket', async () => {
    const t = await setUp();
    const peer = await queued(t);
    t.client.stop();
    expect(await peer.closed).toBe(1000);
  });
});
