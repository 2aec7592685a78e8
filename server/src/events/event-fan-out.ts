import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database';
import { accountEventBySeq, deleteExpiredAccountEvents, type StoredAccountEvent } from './account-events';
import { listenForLocalEvents } from './local-announcements';
import { PostgresListener } from './postgres-listener';

/** One open stream, as the fan-out sees it. */
export interface EventSubscriber {
  userId: string;
  /** A committed event of this account. */
  deliver(event: StoredAccountEvent): void;
  /** Announcements may have been missed (the listening connection was lost): read what is new. */
  catchUp(): void;
  /** The service is shutting down: end the stream. */
  close(): void;
}

const CHANNEL = 'account_events';

/**
 * Hands each committed account event to this instance's open streams of that account.
 * On PostgreSQL it hears every instance's events on a dedicated LISTEN connection (the
 * trigger of migration 0010 notifies at commit); on the embedded database, which only
 * this process opens, it hears them in process (local-announcements.ts).
 */
export class AccountEventFanOut {
  readonly #db: Db;
  readonly #log: FastifyBaseLogger;
  readonly #now: () => Date;
  readonly #subscribers = new Map<string, Set<EventSubscriber>>();
  /** Deliveries one after another, so an account's events reach its streams in order. */
  #deliveries: Promise<void> = Promise.resolve();
  #stopLocal: (() => void) | undefined;
  #listener: PostgresListener | undefined;
  #closed = false;

  private constructor(db: Db, log: FastifyBaseLogger, now: () => Date) {
    this.#db = db;
    this.#log = log;
    this.#now = now;
  }

  static async start(options: { db: Db; databaseUrl: string | undefined; log: FastifyBaseLogger; now: () => Date }): Promise<AccountEventFanOut> {
    const fanOut = new AccountEventFanOut(options.db, options.log, options.now);
    const announce = (userId: string, seq: number) => fanOut.#announced(userId, seq);
    if (options.databaseUrl) {
      fanOut.#listener = await PostgresListener.open({
        url: options.databaseUrl,
        channel: CHANNEL,
        what: 'account events',
        log: options.log,
        heard: (payload) => {
          const [userId, seq] = payload.split(':');
          if (userId && seq && /^\d+$/.test(seq)) announce(userId, Number(seq));
        },
        reconnected: () => fanOut.#catchUpAll(),
      });
    } else {
      fanOut.#stopLocal = listenForLocalEvents(options.db, announce);
    }
    return fanOut;
  }

  /** Adds an open stream; the returned function removes it. */
  subscribe(subscriber: EventSubscriber): () => void {
    if (this.#closed) {
      subscriber.close();
      return () => {};
    }
    let set = this.#subscribers.get(subscriber.userId);
    if (!set) this.#subscribers.set(subscriber.userId, (set = new Set()));
    set.add(subscriber);
    return () => {
      set.delete(subscriber);
      if (set.size === 0 && this.#subscribers.get(subscriber.userId) === set) this.#subscribers.delete(subscriber.userId);
    };
  }

  /** Deletes one bounded batch of expired events (from tests; the job runner's expired-records job does it every few minutes). */
  async clean(): Promise<number> {
    try {
      return await deleteExpiredAccountEvents(this.#db, this.#now());
    } catch (error) {
      if (!this.#closed) this.#log.warn({ err: error }, 'could not clean expired account events');
      return 0;
    }
  }

  /** Ends every open stream and stops listening; called before the server closes. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#stopLocal?.();
    for (const set of this.#subscribers.values()) for (const subscriber of [...set]) subscriber.close();
    this.#subscribers.clear();
    await this.#listener?.close();
    await this.#deliveries;
  }

  #announced(userId: string, seq: number): void {
    // Only accounts with a stream open here are read.
    if (!this.#subscribers.has(userId)) return;
    this.#deliveries = this.#deliveries.then(async () => {
      try {
        const event = await accountEventBySeq(this.#db, userId, seq);
        if (!event) return;
        for (const subscriber of [...(this.#subscribers.get(userId) ?? [])]) subscriber.deliver(event);
      } catch (error) {
        if (!this.#closed) this.#log.warn({ err: error }, 'could not read an announced account event');
      }
    });
  }

  #catchUpAll(): void {
    for (const set of this.#subscribers.values()) for (const subscriber of set) subscriber.catchUp();
  }
}
