import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { ServiceConfig } from '../config';
import { createDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { assertSchemaUpToDate } from '../db/pending-migrations';
import { loggerOptions } from '../logging';
import { createMailTransport } from '../mail/mailer';
import { OutboxDelivery } from '../mail/outbox-worker';
import { JobRunner } from './job-runner';
import { jobs } from './registry';

/** What `jobs run` prints: a line per piece of work done, or that nothing was. */
export const jobLines = (lines: string[]): string => (lines.length ? lines.join('\n') : 'Nothing was due.');

/**
 * `jobs run` in its own process: one look at `now` with the registry's jobs (the mail job
 * last, so the mail they queued goes too), on a database of its own (PostgreSQL, or the
 * embedded one when no service holds it). Log lines go to stderr, so stdout is the work done.
 */
export async function runJobsOnce(config: ServiceConfig, now: Date): Promise<string> {
  const log = pino({ ...loggerOptions(config), level: config.logLevel === 'info' ? 'warn' : config.logLevel }, pino.destination(2)) as FastifyBaseLogger;
  const db = createDatabase(config);
  try {
    if (config.migrateOnStart) await migrateToLatest(db);
    else await assertSchemaUpToDate(db);
    const mail = new OutboxDelivery({
      db,
      log,
      transport: createMailTransport({ smtpUrl: config.smtpUrl, from: config.mailFrom, outboxDir: join(config.dataDir, 'outbox'), log }),
    });
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const runner = new JobRunner({ db, config, jobs, mail, log, publicUrl: () => config.publicUrl ?? `http://${host}:${config.port}` });
    const lines = await runner.runDue(now);
    await mail.close();
    return jobLines(lines);
  } finally {
    await db.destroy();
  }
}
