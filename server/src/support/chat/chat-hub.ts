import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { PostgresListener } from '../../events/postgres-listener';
import { markGone, markPresent, PRESENCE_REFRESH_MS, refreshPresence } from './agent-presence';
import { endChat } from './chat-actions';
import { chatById, chatMessageById, queuedChats, refreshCustomers } from './chat-store';

/** What a connection needs of its WebSocket. */
export interface FrameSocket {
  send(text: string): void;
  close(code: number, reason: string): void;
}

export interface CustomerConnection {
  userId: string;
  chatId: string;
  socket: FrameSocket;
  /** The last `queued` position sent: only a change is sent again. */
  position?: number;
}

export interface AgentConnection {
  /** Also the id of its presence row. */
  id: string;
  userId: string;
  name: string;
  socket: FrameSocket;
}

/** What changed, as announced on the `chat_events` channel. */
export type ChatAnnouncement = { kind: 'queue' } | { kind: 'joined' | 'ended'; chatId: string } | { kind: 'message'; messageId: string };

const CHANNEL = 'chat_events';

const payloadOf = (event: ChatAnnouncement): string =>
  event.kind === 'queue' ? 'queue' : event.kind === 'message' ? `message:${event.messageId}` : `${event.kind}:${event.chatId}`;

export const sendFrame = (socket: FrameSocket, frame: object): void => socket.send(JSON.stringify(frame));

/**
 * The chat sockets of this instance, and how what happens to a chat reaches them whichever
 * instance it happened on. On PostgreSQL every change is a NOTIFY on `chat_events` in the
 * change's own transaction (so it is heard at commit, on every instance, on a dedicated
 * LISTEN connection); on the embedded database, which only this process opens, it is heard
 * here at once, and the reads it causes wait for the transaction (PGlite is one connection).
 * Each announcement is turned into frames by reading the database, one after another, so a
 * chat's frames keep their order.
 */
export class ChatHub {
  readonly #db: Db;
  readonly #log: FastifyBaseLogger;
  readonly #now: () => Date;
  readonly #postgres: boolean;
  readonly #customers = new Map<string, Set<CustomerConnection>>();
  readonly #agents = new Map<string, AgentConnection>();
  #deliveries: Promise<void> = Promise.resolve();
  #listener: PostgresListener | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #closed = false;

  private constructor(db: Db, log: FastifyBaseLogger, now: () => Date, postgres: boolean) {
    this.#db = db;
    this.#log = log;
    this.#now = now;
    this.#postgres = postgres;
  }

  static async start(options: { db: Db; databaseUrl: string | undefined; log: FastifyBaseLogger; now: () => Date }): Promise<ChatHub> {
    const hub = new ChatHub(options.db, options.log, options.now, Boolean(options.databaseUrl));
    if (options.databaseUrl) {
      hub.#listener = await PostgresListener.open({
        url: options.databaseUrl,
        channel: CHANNEL,
        what: 'chat events',
        log: options.log,
        heard: (payload) => hub.#heard(payload),
        // Positions and waiting lists may have moved meanwhile: send them again.
        reconnected: () => hub.#heard('queue'),
      });
    }
    hub.#heartbeat = setInterval(() => hub.#beat(), PRESENCE_REFRESH_MS);
    hub.#heartbeat.unref();
    return hub;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Tells every instance what changed, inside the change's transaction `trx`. */
  async announce(trx: Db, event: ChatAnnouncement): Promise<void> {
    const payload = payloadOf(event);
    if (this.#postgres) await sql`select pg_notify(${CHANNEL}, ${payload})`.execute(trx);
    else this.#heard(payload);
  }

  addCustomer(connection: CustomerConnection): () => void {
    let set = this.#customers.get(connection.chatId);
    if (!set) this.#customers.set(connection.chatId, (set = new Set()));
    set.add(connection);
    return () => {
      set.delete(connection);
      if (set.size === 0 && this.#customers.get(connection.chatId) === set) this.#customers.delete(connection.chatId);
    };
  }

  /** A customer's first frame: the place in the queue, or that no agent is on duty. */
  greet(connection: CustomerConnection, status: 'queued' | 'noAgents'): void {
    this.#enqueue(async () => {
      if (status === 'noAgents') return sendFrame(connection.socket, { type: 'noAgents', chatId: connection.chatId });
      this.#sendPositions(await queuedChats(this.#db), [connection]);
    });
  }

  /** An agent on duty: present to every instance, and told the waiting list at once. */
  async addAgent(connection: Omit<AgentConnection, 'id'>): Promise<{ agent: AgentConnection; remove: () => Promise<void> }> {
    const agent: AgentConnection = { ...connection, id: randomUUID() };
    this.#agents.set(agent.id, agent);
    await markPresent(this.#db, agent.id, agent.userId, this.#now());
    this.#enqueue(async () => this.#sendWaiting(await queuedChats(this.#db), [agent]));
    return {
      agent,
      remove: async () => {
        if (!this.#agents.delete(agent.id)) return;
        await markGone(this.#db, [agent.id]).catch((error: unknown) => this.#log.warn({ err: error }, 'could not mark a chat agent gone'));
      },
    };
  }

  /** Closes every chat socket (1001: the service is going away) and stops listening. */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    // Their customers see the socket drop, which the app shows as the end: so it is, with the
    // transcript, rather than chats left waiting for someone who is gone.
    await Promise.all(
      [...this.#customers.entries()].map(async ([chatId, customers]) => {
        // Said here: the announcement may be heard only once this hub has stopped listening.
        if (await this.#endAbandoned(chatId)) for (const customer of customers) sendFrame(customer.socket, { type: 'ended' });
      }),
    );
    this.#closed = true;
    await this.#listener?.close();
    for (const set of this.#customers.values()) for (const connection of set) connection.socket.close(1001, 'The service is restarting.');
    const agents = [...this.#agents.values()];
    for (const agent of agents) agent.socket.close(1001, 'The service is restarting.');
    this.#customers.clear();
    this.#agents.clear();
    await this.#deliveries;
    await markGone(this.#db, agents.map((agent) => agent.id)).catch(() => {});
  }

  #enqueue(work: () => Promise<void>): void {
    this.#deliveries = this.#deliveries.then(async () => {
      if (this.#closed) return;
      try {
        await work();
      } catch (error) {
        if (!this.#closed) this.#log.warn({ err: error }, 'could not deliver a chat event');
      }
    });
  }

  #heard(payload: string): void {
    const [kind, id] = payload.split(':');
    if (kind === 'queue') return this.#enqueue(() => this.#queueChanged());
    if (!id) return;
    if (kind === 'joined') this.#enqueue(() => this.#joined(id));
    else if (kind === 'ended') this.#enqueue(() => this.#ended(id));
    else if (kind === 'message') this.#enqueue(() => this.#message(id));
  }

  async #queueChanged(): Promise<void> {
    // Only an instance with someone to tell reads the queue.
    if (this.#agents.size === 0 && this.#customers.size === 0) return;
    const queue = await queuedChats(this.#db);
    this.#sendWaiting(queue, [...this.#agents.values()]);
    this.#sendPositions(queue, [...this.#customers.values()].flatMap((set) => [...set]));
  }

  #sendWaiting(queue: Awaited<ReturnType<typeof queuedChats>>, agents: AgentConnection[]): void {
    const chats = queue.map((row) => ({ chatId: row.id, customerName: row.customer_name, since: row.created_at.toISOString() }));
    for (const agent of agents) sendFrame(agent.socket, { type: 'waiting', chats });
  }

  #sendPositions(queue: Awaited<ReturnType<typeof queuedChats>>, customers: CustomerConnection[]): void {
    for (const customer of customers) {
      const index = queue.findIndex((row) => row.id === customer.chatId);
      if (index < 0 || customer.position === index + 1) continue;
      customer.position = index + 1;
      sendFrame(customer.socket, { type: 'queued', chatId: customer.chatId, position: customer.position });
    }
  }

  async #joined(chatId: string): Promise<void> {
    const customers = this.#customers.get(chatId);
    if (!customers) return;
    const chat = await chatById(this.#db, chatId);
    if (!chat?.agent_name) return;
    for (const customer of customers) sendFrame(customer.socket, { type: 'agentJoined', name: chat.agent_name });
  }

  async #ended(chatId: string): Promise<void> {
    const chat = await chatById(this.#db, chatId);
    if (chat?.status !== 'ended') return;
    for (const customer of this.#customers.get(chatId) ?? []) sendFrame(customer.socket, { type: 'ended' });
    for (const agent of this.#agentsOf(chat.agent_user_id)) sendFrame(agent.socket, { type: 'ended', chatId });
  }

  async #message(messageId: string): Promise<void> {
    const message = await chatMessageById(this.#db, messageId);
    if (!message) return;
    const at = message.created_at.toISOString();
    // The customer sees both sides; the agent gets the customer's (their own they wrote).
    for (const customer of this.#customers.get(message.chat_id) ?? []) sendFrame(customer.socket, { type: 'message', body: message.body, from: message.author, at });
    if (message.author !== 'customer') return;
    const chat = await chatById(this.#db, message.chat_id);
    for (const agent of this.#agentsOf(chat?.agent_user_id ?? null)) sendFrame(agent.socket, { type: 'message', chatId: message.chat_id, body: message.body, from: 'customer', at });
  }

  #agentsOf(userId: string | null): AgentConnection[] {
    return userId === null ? [] : [...this.#agents.values()].filter((agent) => agent.userId === userId);
  }

  #beat(): void {
    const now = this.#now();
    const beat = async () => {
      await refreshPresence(this.#db, [...this.#agents.keys()], now);
      // Live chats whose customer's instance stopped beating (it died with the socket) end.
      for (const chatId of await refreshCustomers(this.#db, [...this.#customers.keys()], now)) await this.#endAbandoned(chatId);
    };
    void beat().catch((error: unknown) => {
      if (!this.#closed) this.#log.warn({ err: error }, 'could not refresh who is in live chat');
    });
  }

  /** Whether the chat was live and is now ended. */
  async #endAbandoned(chatId: string): Promise<boolean> {
    try {
      return (await endChat({ db: this.#db, hub: this, now: this.#now }, chatId)) === undefined;
    } catch (error) {
      this.#log.warn({ err: error }, 'could not end an abandoned chat');
      return false;
    }
  }
}
