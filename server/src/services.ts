import type { ServiceConfig } from './config';
import type { Db } from './db/database';
import type { AccountEventFanOut } from './events/event-fan-out';
import type { AccessTokens } from './identity/access-tokens';
import type { JobRunner } from './jobs/job-runner';
import type { OutboxDelivery } from './mail/outbox-worker';
import type { ChatHub } from './support/chat/chat-hub';

/** What route handlers and domain functions share for the life of one app. */
export interface Services {
  config: ServiceConfig;
  db: Db;
  accessTokens: AccessTokens;
  /** Sends queued mail; queue it with `queueMail(trx, message, now)` (mail/outbox.ts). */
  mail: OutboxDelivery;
  /** Scheduled work (jobs/registry.ts): looks every minute; `jobs run` asks it through the control channel. */
  jobs: JobRunner;
  /** The open account event streams of this instance, and how events reach them. */
  events: AccountEventFanOut;
  /** The live chat sockets of this instance, and how chat changes reach them from any instance. */
  chat: ChatHub;
  /** The service clock (config.now): every stored time and expiry comes from it. */
  now: () => Date;
  /** Base of links in e-mails: PUBLIC_URL, else where this process listens. */
  publicUrl: () => string;
}
