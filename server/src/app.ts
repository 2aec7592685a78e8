import { join } from 'node:path';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { ServiceConfig } from './config';
import { createDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { assertSchemaUpToDate } from './db/pending-migrations';
import { AccountEventFanOut } from './events/event-fan-out';
import { installAuthentication } from './http/authenticate';
import { installErrorHandling, sendServiceError } from './http/error-handler';
import { installNoStoreHeaders } from './http/no-store-headers';
import { sharedRateLimits } from './http/rate-limit-store';
import { ServiceError } from './http/service-error';
import { AccessTokens } from './identity/access-tokens';
import { prepareDummyHash } from './identity/password-hashing';
import { loggerOptions } from './logging';
import { JobRunner } from './jobs/job-runner';
import { jobs } from './jobs/registry';
import { createMailTransport } from './mail/mailer';
import { OutboxDelivery, OutboxWorker } from './mail/outbox-worker';
import { accountRoutes } from './routes/account-routes';
import { authRoutes } from './routes/auth-routes';
import { billingRoutes } from './routes/billing-routes';
import { downloadsRoutes } from './routes/downloads-routes';
import { eventRoutes } from './routes/event-routes';
import { installEmailLinkPages } from './routes/email-link-pages';
import { Draining, healthRoutes } from './routes/health-routes';
import { agentConsoleRoutes } from './agent-console/agent-console-routes';
import { agentRoutes } from './routes/agent-routes';
import { chatRoutes } from './routes/chat-routes';
import { articleRoutes } from './routes/article-routes';
import { protectionRoutes } from './routes/protection-routes';
import { supportContactRoutes } from './routes/support-contact-routes';
import { ticketRoutes } from './routes/ticket-routes';
import { updateFeedRoutes } from './routes/update-feed-routes';
import type { Services } from './services';
import { loadHelpArticles } from './support/knowledge-base/article-loader';
import { MAX_FRAME_BYTES } from './support/chat/chat-frames';
import { ChatHub } from './support/chat/chat-hub';

export const BODY_LIMIT_BYTES = 1024 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

/**
 * The account service: opens (and migrates) the database, loads the signing key, and
 * registers every route. `close()` finishes in-flight requests and mail, then closes the
 * database.
 */
/** How long requests in flight may take to finish once the service is stopping. */
const CLOSE_GRACE_MS = 5_000;

export async function buildApp(config: ServiceConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    bodyLimit: BODY_LIMIT_BYTES,
    // Only the load balancers named in TRUST_PROXY are believed about X-Forwarded-For;
    // without it a forged header changes nothing (rate limits key on the socket address).
    trustProxy: config.trustProxy ?? false,
    // Fastify's own 503 while closing has its own body; ours (below) keeps the envelope.
    return503OnClosing: false,
    // Errors raised before routing (a malformed URL) skip the error handler: envelope them too.
    frameworkErrors: (_error, _request, reply) => {
      void sendServiceError(reply as FastifyReply, new ServiceError('VALIDATION_FAILED', 'The address of the request is not valid.'));
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installNoStoreHeaders(app);

  const db = createDatabase({
    ...config,
    onConnectionLost: (error) => app.log.warn({ code: (error as { code?: unknown }).code }, 'lost an idle database connection'),
  });
  try {
    // A rolling deploy migrates once, as its own step (`migrate`): then no instance may.
    if (config.migrateOnStart) await migrateToLatest(db);
    else await assertSchemaUpToDate(db);
    // The help articles of content/help: rewritten only where a file's hash changed.
    await loadHelpArticles(db, config.now());
  } catch (error) {
    await db.destroy();
    throw error;
  }
  await prepareDummyHash();
  let events: AccountEventFanOut;
  try {
    events = await AccountEventFanOut.start({ db, databaseUrl: config.databaseUrl, log: app.log, now: config.now });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let chat: ChatHub;
  try {
    chat = await ChatHub.start({ db, databaseUrl: config.databaseUrl, log: app.log, now: config.now });
  } catch (error) {
    await events.close();
    await db.destroy();
    throw error;
  }
  const mail = new OutboxDelivery({
    db,
    log: app.log,
    transport: createMailTransport({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: join(config.dataDir, 'outbox'), log: app.log }),
  });
  const services: Services = {
    config,
    db,
    accessTokens: await AccessTokens.load(config.keysDir, config.now),
    mail,
    jobs: new JobRunner({ db, config, jobs, mail, log: app.log, publicUrl: () => services.publicUrl() }),
    events,
    chat,
    now: config.now,
    publicUrl: () => config.publicUrl ?? listeningUrl(app) ?? `http://${hostForUrl(config.host)}:${config.port}`,
  };
  app.decorate('services', services);
  // Keep-alive sockets of requests still in flight when closing would hold the process
  // open: answer those with `Connection: close` so they end with their response.
  let closing = false;
  const draining = new Draining();
  app.addHook('preClose', async () => {
    // Behind a load balancer: health answers 503 while requests are still served, until the
    // balancer's checks have taken this instance out of rotation (DRAIN_MS).
    await draining.begin(config.drainMs);
    closing = true;
    // Open event streams would keep the server from closing: end them first.
    await events.close();
    // Requests in flight get a moment to finish; then whatever is still open goes, so a peer
    // that opened a connection and sent nothing (Node waits out its headers timeout, a
    // minute) cannot hold a stopping service.
    setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS).unref();
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    void reply.header('connection', 'close');
    throw new ServiceError('UNAVAILABLE', 'The service is restarting. Try again in a moment.');
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onClose', async () => {
    await services.jobs.stop();
    await mailWorker.stop();
    await services.mail.close();
    await db.destroy();
  });

  const sharedLimits = config.redisUrl ? await sharedRateLimits({ redisUrl: config.redisUrl, log: app.log }) : undefined;
  app.addHook('onClose', async () => sharedLimits?.close());

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Palisade account service', version: '1.0.0' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifyRateLimit, {
    global: false,
    ...(sharedLimits && { store: sharedLimits.store }),
    // A store that fails lets the request through rather than answering 500.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new ServiceError('RATE_LIMITED', 'Too many attempts. Wait a moment and try again.', {
        retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)),
      }),
  });
  installAuthentication(app, services);
  await app.register(fastifyWebsocket, {
    options: { maxPayload: MAX_FRAME_BYTES },
    // Chat sockets are told the service is going away (1001); one still waiting for its auth frame too.
    preClose: async () => {
      await chat.close();
      for (const client of app.websocketServer.clients) client.close(1001, 'The service is restarting.');
      await new Promise<void>((resolve) => app.websocketServer.close(() => resolve()));
    },
  });

  await app.register(authRoutes, { services });
  await app.register(accountRoutes, { services });
  await app.register(eventRoutes, { services });
  await app.register(healthRoutes, { services, draining });
  await app.register(protectionRoutes, { services });
  await app.register(billingRoutes, { services });
  await app.register(downloadsRoutes, { services });
  await app.register(updateFeedRoutes, { services });
  await app.register(articleRoutes, { services });
  await app.register(supportContactRoutes, { services });
  await app.register(ticketRoutes, { services });
  await app.register(agentRoutes, { services });
  await app.register(chatRoutes, { services, hub: chat });
  await app.register(agentConsoleRoutes);
  installEmailLinkPages(app);
  app.get('/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.ready();
  // Scheduled work and mail delivery (queued mail goes at once: outbox-worker.ts).
  const mailWorker = await OutboxWorker.start({ db, delivery: services.mail, databaseUrl: config.databaseUrl, now: config.now, log: app.log });
  services.jobs.start(config.now);
  return app;
}

const hostForUrl = (host: string): string => (host.includes(':') ? `[${host}]` : host);

/** `http://host:port` of the bound socket, once listening (port 0 picks a free one). */
export function listeningUrl(app: FastifyInstance): string | undefined {
  const address = app.server.address();
  if (!address || typeof address === 'string') return undefined;
  const host = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address;
  return `http://${hostForUrl(host)}:${address.port}`;
}
