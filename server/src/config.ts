import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { z } from 'zod';
import { KEEP_ALIVE_SECONDS } from '../../shared/api/events';
import { userDataFolder } from '../../shared/user-data-folder';

/** Everything the service needs to run; read from the environment by `loadConfig`. */
export interface ServiceConfig {
  host: string;
  port: number;
  /** Embedded database (PGlite) and the mail outbox. */
  dataDir: string;
  /**
   * The signing, sealing and component keys (KEYS_DIR, default `<dataDir>/keys`): every
   * instance of a deployment shares one, so what one signs or seals is good on all.
   */
  keysDir: string;
  /** PostgreSQL instead of the embedded database. */
  databaseUrl: string | undefined;
  /**
   * Rate-limit counters shared by every instance (REDIS_URL); while Redis is away each
   * process counts on its own.
   */
  redisUrl: string | undefined;
  /**
   * Addresses and CIDR ranges of the load balancers whose `X-Forwarded-For` is believed
   * (TRUST_PROXY, comma-separated); undefined believes no one, so the peer is the client.
   */
  trustProxy: string[] | undefined;
  /** Deliver mail over SMTP; without it mail goes to `<dataDir>/outbox`. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Base of links in e-mails; undefined means "where this process listens". */
  publicUrl: string | undefined;
  /** Requests a minute to each /v1/auth/* route from one client address. */
  authRateLimit: number;
  logLevel: string;
  /**
   * The secret component hashes are hashed again with before they are stored
   * (COMPONENT_SECRET); undefined means the one kept in `keysDir`.
   */
  componentSecret: string | undefined;
  /** Where log lines go (stdout when undefined); tests capture them here. */
  logStream: DestinationStream | undefined;
  /** The service's clock; tests move it to expire tokens and lockouts. */
  now: () => Date;
  /** How often an idle event stream gets a comment line (EVENTS_KEEP_ALIVE_MS; tests shorten it). */
  eventsKeepAliveMs: number;
  /** How long a chat socket may stay open without its `auth` frame (CHAT_AUTH_TIMEOUT_MS, default 10 s; tests shorten it). */
  chatAuthTimeoutMs: number;
  /**
   * Whether `start` migrates the database (MIGRATE_ON_START, default true). False for
   * rolling deploys, where `migrate` runs once as its own step: a service then refuses a
   * schema that is behind instead.
   */
  migrateOnStart: boolean;
  /**
   * How long a stopping instance keeps serving with `/v1/health` at 503, so a load balancer
   * takes it out of rotation before it closes (DRAIN_MS; 0, the default, closes at once).
   */
  drainMs: number;
  /** The one currency prices are charged in (BILLING_CURRENCY, ISO 4217; default EUR). */
  billingCurrency: string;
  /** The phone apps' store pages, for the downloads (ANDROID_STORE_URL, IOS_STORE_URL). */
  storeUrls: { android: string; ios: string };
}

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

/** Fastify's (proxy-addr's) names for whole ranges, besides addresses and CIDRs. */
const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `10.0.0.5, 10.1.0.0/16, ::1`: each an address, an address/prefix, or a range name. */
const trustedProxiesSchema = z
  .string()
  .transform((list) => list.split(',').map((entry) => entry.trim()).filter(Boolean))
  .refine((entries) => entries.length > 0 && entries.every(isProxyEntry), {
    message: 'a comma-separated list of IP addresses or CIDR ranges (e.g. 10.0.0.5,10.1.0.0/16)',
  });

function isProxyEntry(entry: string): boolean {
  if (proxyRangeNames.has(entry)) return true;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4600),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: optionalText,
  KEYS_DIR: optionalText,
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  REDIS_URL: optionalText.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  TRUST_PROXY: optionalText.pipe(trustedProxiesSchema.optional()),
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: z.string().trim().min(3).default('Palisade <no-reply@palisade.test>'),
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  AUTH_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // At least 32 characters: a guessable secret would let a database copy be brute-forced again.
  COMPONENT_SECRET: optionalText.pipe(z.string().min(32).optional()),
  EVENTS_KEEP_ALIVE_MS: z.coerce.number().int().min(10).max(600_000).default(KEEP_ALIVE_SECONDS * 1000),
  CHAT_AUTH_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(10_000),
  MIGRATE_ON_START: z.enum(['true', 'false']).default('true'),
  DRAIN_MS: z.coerce.number().int().min(0).max(120_000).default(0),
  BILLING_CURRENCY: z.string().trim().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code, like EUR').default('EUR'),
  ANDROID_STORE_URL: z.url({ protocol: /^https$/ }).default('https://play.google.com/store/apps/details?id=test.palisade.app'),
  IOS_STORE_URL: z.url({ protocol: /^https$/ }).default('https://apps.apple.com/app/palisade/id6450000000'),
});

/** Beside the desktop app's own data, in its user-data folder. */
export const defaultDataDir = (): string =>
  join(
    userDataFolder({ platform: process.platform, env: process.env, home: homedir(), appName: 'Palisade' }),
    'service',
  );

/** Reads the environment; throws with every problem listed when a variable is wrong. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<ServiceConfig> = {},
): ServiceConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = overrides.dataDir ?? e.DATA_DIR ?? defaultDataDir();
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    keysDir: e.KEYS_DIR ?? join(dataDir, 'keys'),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    trustProxy: e.TRUST_PROXY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    authRateLimit: e.AUTH_RATE_LIMIT,
    logLevel: e.LOG_LEVEL,
    componentSecret: e.COMPONENT_SECRET,
    logStream: undefined,
    now: () => new Date(),
    eventsKeepAliveMs: e.EVENTS_KEEP_ALIVE_MS,
    chatAuthTimeoutMs: e.CHAT_AUTH_TIMEOUT_MS,
    migrateOnStart: e.MIGRATE_ON_START === 'true',
    drainMs: e.DRAIN_MS,
    storeUrls: { android: e.ANDROID_STORE_URL, ios: e.IOS_STORE_URL },
    billingCurrency: e.BILLING_CURRENCY,
    ...overrides,
  };
}
