import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';

/**
 * A dedicated PostgreSQL connection that LISTENs on one channel and hands each payload on;
 * lost, it comes back with a growing pause, and `reconnected` then lets its owner read what
 * it may have missed meanwhile. Used by the account events and by live chat.
 */
export class PostgresListener {
  #client: pg.Client | undefined;
  #retry: NodeJS.Timeout | undefined;
  #failures = 0;
  #closed = false;

  private constructor(
    private readonly options: {
      url: string;
      channel: string;
      /** What is heard, for the log: "account events". */
      what: string;
      log: FastifyBaseLogger;
      heard: (payload: string) => void;
      reconnected: () => void;
    },
  ) {}

  static async open(options: PostgresListener['options']): Promise<PostgresListener> {
    if (!/^[a-z_]+$/.test(options.channel)) throw new Error(`Not a channel name: ${options.channel}`);
    const listener = new PostgresListener(options);
    await listener.#connect();
    return listener;
  }

  async #connect(): Promise<void> {
    const { url, channel } = this.options;
    // A server that takes the connection and never answers must not stall reconnecting for good.
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload) this.options.heard(message.payload);
    });
    client.on('error', (error) => this.#lost(client, error));
    client.on('end', () => this.#lost(client, new Error('the listening connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${channel}`);
    } catch (error) {
      // One that connected but could not LISTEN (the server still starting) is not left open.
      void client.end().catch(() => {});
      throw error;
    }
    this.#client = client;
    this.#failures = 0;
  }

  #lost(client: pg.Client, error: Error): void {
    if (this.#closed || this.#client !== client) return;
    this.#client = undefined;
    this.options.log.warn({ err: error }, `lost the connection that listens for ${this.options.what}; reconnecting`);
    void client.end().catch(() => {});
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    const delay = Math.min(30_000, 250 * 2 ** this.#failures++);
    this.#retry = setTimeout(() => {
      this.#connect().then(
        () => this.options.reconnected(),
        (error: unknown) => {
          if (this.#closed) return;
          this.options.log.warn({ err: error }, `could not listen for ${this.options.what} yet`);
          this.#scheduleReconnect();
        },
      );
    }, delay);
    this.#retry.unref();
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }
}
