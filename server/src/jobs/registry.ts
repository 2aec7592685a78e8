import { billingJobs } from '../billing/renewal-jobs';
import { embeddedMaintenanceJob } from '../db/embedded-maintenance';
import { mailDeliveryJob } from '../mail/outbox-worker';
import type { Job } from './job';
import { expiredRecordsJob } from './expired-records';

/**
 * Every scheduled job, in the order a look runs them (job.ts says how each is claimed).
 *
 * To add one: write it beside its domain (e.g. `billing/renewal-job.ts` exporting a `Job`
 * with `claim: 'items'` that locks each due subscription `FOR UPDATE SKIP LOCKED`, charges
 * it and queues its receipt with `queueMail(trx, …)` in the same transaction), and add it
 * here, before `mailDeliveryJob`, so the mail it queues goes out in the same look (and in
 * the same `jobs run`). A name is stored in `scheduled_jobs`: do not rename one lightly.
 */
export const jobs: readonly Job[] = [expiredRecordsJob, embeddedMaintenanceJob, ...billingJobs, mailDeliveryJob];
