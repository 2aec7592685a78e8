import type { FastifyBaseLogger } from 'fastify';
import type { ServiceConfig } from '../config';
import type { Db } from '../db/database';
import type { OutboxDelivery } from '../mail/outbox-worker';

/** What a job runs with: the same in a service's minute look and in `jobs run`. */
export interface JobContext {
  db: Db;
  /** The time the work is done for: the service clock, or `jobs run --now`. */
  now: Date;
  config: ServiceConfig;
  /** Base of links in the mail a job queues (PUBLIC_URL, else where the service listens). */
  publicUrl: () => string;
  log: FastifyBaseLogger;
  /** Sends the queued mail that is due (the mail job; `jobs run` also calls it last). */
  mail: OutboxDelivery;
}

/**
 * One piece of scheduled work. Every instance looks every minute (and `jobs run` once);
 * how a job is kept from being done twice is its `claim`:
 *
 * - `once`: the runner claims the job's row of `scheduled_jobs` (`FOR UPDATE SKIP LOCKED`,
 *   moving `next_run_at` on by `everyMs` in the same transaction), so one instance runs it
 *   per due time however many look. An instance that dies mid-run leaves it for the next
 *   due time: make such work safe to stop half-way (bounded batches, each committed).
 * - `items`: runs at every look, and claims each piece of its work itself (a row locked
 *   `FOR UPDATE SKIP LOCKED` and marked done in the same transaction, or an atomic update
 *   with a claim expiry), so instances share the work and no piece is done twice. Use this
 *   for work that must not be skipped when an instance dies: mail, renewals, reminders.
 *
 * `run` returns one line per piece of work done (printed by `jobs run`, logged by the
 * service); a `once` job returns at least one line, saying what its run did.
 */
export type Job = {
  name: string;
  /** False where the job does not apply (the embedded database's maintenance on PostgreSQL). */
  runsOn?: (config: ServiceConfig) => boolean;
  run(ctx: JobContext): Promise<string[]>;
} & ({ claim: 'once'; everyMs: number } | { claim: 'items' });
