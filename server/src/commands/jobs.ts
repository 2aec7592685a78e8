import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { runJobsOnce } from '../jobs/run-once';
import type { Command } from './command';
import { print, runTask } from './database-tasks';

const usage = 'jobs run [--now ISO]';

/**
 * `jobs run [--now ISO]`: does the scheduled work due at that time once (default: now),
 * sends the mail it queued, prints a line per piece of work done, and exits. While a
 * service holds the embedded database, that service does it (its runner, its clock when
 * no `--now` is given); with PostgreSQL any number of these may run beside the instances,
 * and the claims in the database keep each piece of work to one of them.
 */
export const jobs: Command = {
  summary: 'do the scheduled work due at that time once (default: now), send the mail it queued, exit',
  usage,
  async run(args) {
    let values: { now?: string };
    let positionals: string[];
    try {
      ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { now: { type: 'string' } } }));
    } catch (error) {
      console.error(`${error instanceof Error ? error.message : String(error)}\nUsage: npm run server -- ${usage}`);
      return 2;
    }
    const now = values.now === undefined ? undefined : new Date(values.now);
    const problems = [
      positionals.length !== 1 || positionals[0] !== 'run' ? 'the only jobs command is "run"' : undefined,
      now !== undefined && Number.isNaN(now.getTime()) ? '--now is a date and time, such as 2027-01-31T09:00:00Z' : undefined,
    ].filter((p) => p !== undefined);
    if (problems.length > 0) {
      console.error(`${problems.join('; ')}.\nUsage: npm run server -- ${usage}`);
      return 2;
    }
    const config = loadConfig();
    const task = { command: 'jobs run' as const, ...(now && { now: now.toISOString() }) };
    await print(await runTask(config, task, () => runJobsOnce(config, now ?? config.now())));
    return 0;
  },
};
