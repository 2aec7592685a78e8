import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { ServiceConfig } from '../config';
import type { Db } from '../db/database';
import type { OutboxDelivery } from '../mail/outbox-worker';
import type { Job, JobContext } from './job';

/** How often every instance looks for due work. */
export const LOOK_EVERY_MS = 60_000;

export interface JobRunnerOptions {
  db: Db;
  config: ServiceConfig;
  jobs: readonly Job[];
  mail: OutboxDelivery;
  publicUrl: () => string;
  log: FastifyBaseLogger;
}

/**
 * Runs the registry's jobs (registry.ts) that are due: once a minute in every service
 * instance (`start`), or once for `jobs run` (`runDue`). Looks in one process happen one
 * after another; across processes the claims in the database (job.ts) keep each piece of
 * work to one of them.
 */
export class JobRunner {
  readonly #options: JobRunnerOptions;
  /** Who claimed a job, in `scheduled_jobs.last_run_by`: for an operator reading the table. */
  readonly #me = `${hostname()}:${process.pid}`;
  #looking: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: JobRunnerOptions) {
    this.#options = options;
  }

  /** Looks now, then every minute, until `stop()`; the timer does not keep the process alive. */
  start(now: () => Date): void {
    const look = () => {
      if (this.#stopped) return;
      void this.runDue(now()).then((lines) => {
        for (const line of lines) this.#options.log.info({ job: line.split(':', 1)[0] }, `scheduled work: ${line}`);
      });
    };
    look();
    this.#timer = setInterval(look, LOOK_EVERY_MS);
    this.#timer.unref();
  }

  /** Stops looking and waits for a look under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#looking.catch(() => {});
  }

  /**
   * Does every job due at `now` once (after a look already under way here), and returns a
   * line per piece of work done, each `<job>: <what>`. A failing job is logged and the
   * others still run.
   */
  runDue(now: Date): Promise<string[]> {
    const look = this.#looking.catch(() => {}).then(() => this.#look(now));
    this.#looking = look;
    return look;
  }

  async #look(now: Date): Promise<string[]> {
    const { db, config, log } = this.#options;
    const ctx: JobContext = { db, now, config, publicUrl: this.#options.publicUrl, log, mail: this.#options.mail };
    const jobs = this.#options.jobs.filter((job) => job.runsOn?.(config) ?? true);
    const scheduled = jobs.filter((job) => job.claim === 'once');
    const lines: string[] = [];
    try {
      if (scheduled.length > 0) {
        // A job seen for the first time is due at once.
        await db
          .insertInto('scheduled_jobs')
          .values(scheduled.map((job) => ({ name: job.name, next_run_at: now, last_run_at: null, last_run_by: null, last_result: null })))
          .onConflict((oc) => oc.column('name').doNothing())
          .execute();
      }
    } catch (error) {
      if (!this.#stopped) log.warn({ err: error }, 'could not look for scheduled work');
      return lines;
    }
    for (const job of jobs) {
      if (this.#stopped) break;
      try {
        if (job.claim === 'once' && !(await this.#claim(job.name, job.everyMs, now))) continue;
        const done = await job.run(ctx);
        lines.push(...done.map((line) => `${job.name}: ${line}`));
        if (job.claim === 'once') {
          await db.updateTable('scheduled_jobs').set({ last_result: done.join('; ').slice(0, 1000) }).where('name', '=', job.name).execute();
        }
      } catch (error) {
        if (this.#stopped) break;
        log.error({ err: error, job: job.name }, 'a scheduled job failed');
        lines.push(`${job.name}: failed (${error instanceof Error ? error.message : String(error)})`);
      }
    }
    return lines;
  }

  /**
   * Claims a `once` job's run due at `now`: the row locked `FOR UPDATE SKIP LOCKED` (an
   * instance claiming it meanwhile is passed by, not waited for) and moved on in the same
   * transaction, so exactly one of the instances that look runs it.
   */
  async #claim(name: string, everyMs: number, now: Date): Promise<boolean> {
    return this.#options.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('scheduled_jobs')
        .select('name')
        .where('name', '=', name)
        .where('next_run_at', '<=', now)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!due) return false;
      await trx
        .updateTable('scheduled_jobs')
        .set({ next_run_at: new Date(now.getTime() + everyMs), last_run_at: now, last_run_by: this.#me })
        .where('name', '=', name)
        .execute();
      return true;
    });
  }
}
