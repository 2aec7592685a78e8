import { createRequire } from 'node:module';
import type { FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

/** What @fastify/rate-limit calls on a store (its typings omit the last two arguments). */
interface CountingStore {
  incr(key: string, done: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number, max: number): void;
  child(routeOptions: unknown): CountingStore;
}
type RedisStoreCtor = new (continueExceeding: boolean, exponentialBackoff: boolean, redis: Redis, key?: string) => CountingStore;
type LocalStoreCtor = new (continueExceeding: boolean, exponentialBackoff: boolean, cache?: number) => CountingStore;

// The plugin's own stores (its Lua script for Redis, its LRU in process), which it does
// not export: one of each behind the switch below.
const require = createRequire(import.meta.url);
const RedisStore = require('@fastify/rate-limit/store/RedisStore.js') as RedisStoreCtor;
const LocalStore = require('@fastify/rate-limit/store/LocalStore.js') as LocalStoreCtor;

/** Keys of every deployment sharing the Redis start with this. */
const NAMESPACE = 'palisade-rate-limit-';
/**
 * A dead Redis must never hold a request: connecting gives up after this long, a command
 * after the other, and then the request is counted in process.
 */
const CONNECT_TIMEOUT_MS = 1_000;
const COMMAND_TIMEOUT_MS = 500;
/** While Redis is away: how often a connection that looks alive (a hung server) is tried. */
const PROBE_EVERY_MS = 1_000;

export interface SharedRateLimits {
  /** The store to give @fastify/rate-limit. */
  store: FastifyRateLimitStoreCtor;
  /** True while counts go to Redis. */
  shared(): boolean;
  close(): void;
}

/**
 * Rate-limit counters in Redis, shared by every instance. While Redis cannot be reached
 * each process counts on its own (one warning when that starts, one line when it ends);
 * ioredis keeps reconnecting, and counts go back to Redis as soon as it answers.
 */
export async function sharedRateLimits(options: { redisUrl: string; log: FastifyBaseLogger }): Promise<SharedRateLimits> {
  const { log } = options;
  const redis = new Redis(options.redisUrl, {
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // Commands fail at once while disconnected, instead of queueing behind a reconnect.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  });
  let state: 'connecting' | 'shared' | 'local' = 'connecting';
  let probe: NodeJS.Timeout | undefined;
  let closed = false;

  const toLocal = (reason: string) => {
    if (closed || state === 'local') return;
    state = 'local';
    log.warn({ reason }, 'Redis is not answering: rate limits are counted per process until it is back');
    // A server that hangs keeps the connection up, so no `ready` would ever say it is back.
    probe = setInterval(() => {
      if (redis.status !== 'ready') return;
      redis.ping().then(toShared, () => {});
    }, PROBE_EVERY_MS);
    probe.unref();
  };
  const toShared = () => {
    if (closed || state === 'shared') return;
    if (state === 'local') log.info('Redis answers again: rate limits are shared between instances again');
    state = 'shared';
    clearInterval(probe);
  };

  redis.on('ready', toShared);
  redis.on('close', () => toLocal('the connection closed'));
  // Every failed reconnect is an `error`; the warning above is the one line an outage gets.
  redis.on('error', () => {});

  // The first requests go to Redis if it answers now; a Redis down at start is an outage too.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      toLocal('no connection at start');
      resolve();
    }, CONNECT_TIMEOUT_MS);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });

  class SwitchingStore implements CountingStore {
    constructor(
      private readonly inRedis: CountingStore,
      private readonly inProcess: CountingStore,
    ) {}

    incr(key: string, done: Parameters<CountingStore['incr']>[1], timeWindow: number, max: number): void {
      if (state !== 'shared' || redis.status !== 'ready') return this.inProcess.incr(key, done, timeWindow, max);
      this.inRedis.incr(
        key,
        (error, result) => {
          if (!error) return done(null, result);
          toLocal(error.message);
          this.inProcess.incr(key, done, timeWindow, max);
        },
        timeWindow,
        max,
      );
    }

    child(routeOptions: unknown): CountingStore {
      return new SwitchingStore(this.inRedis.child(routeOptions), this.inProcess.child(routeOptions));
    }
  }

  // @fastify/rate-limit constructs the store with its merged options.
  class Store extends SwitchingStore {
    constructor(params: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      const continueExceeding = params.continueExceeding ?? false;
      const exponentialBackoff = params.exponentialBackoff ?? false;
      super(new RedisStore(continueExceeding, exponentialBackoff, redis, NAMESPACE), new LocalStore(continueExceeding, exponentialBackoff));
    }
  }

  return {
    // Its typings' incr lacks the arguments it passes; the shape is otherwise the same.
    store: Store as unknown as FastifyRateLimitStoreCtor,
    shared: () => state === 'shared',
    close() {
      closed = true;
      clearInterval(probe);
      // Not `quit()`: that waits for an answer a dead Redis never gives.
      redis.disconnect();
    },
  };
}
