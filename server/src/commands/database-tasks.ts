import type { ServiceConfig } from '../config';
import { createDatabase, type Db } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { askRunningService } from '../local-control/control-client';
import type { Task } from '../local-control/control-protocol';
import { folderInUse, liveHolder } from '../local-control/folder-lock';
import { recordRelease } from '../releases/release-store';
import { DEMO_ACCOUNT, seedDemoAccount } from '../seed/demo-account';
import { mintProductKeys } from '../subscriptions/product-keys';
import { addAgent, agentAddedLines } from '../support/agents';

/**
 * What a command prints, done on an open database: the same in the command's own process
 * and in the running service that does it for the command (`inService`).
 */
export async function performTask(db: Db, now: Date, task: Task, inService = false): Promise<string> {
  switch (task.command) {
    case 'migrate': {
      if (inService) return `The database is up to date: the running service (process ${process.pid}) migrated it when it started.`;
      const applied = await migrateToLatest(db);
      return applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.';
    }
    case 'seed-demo': {
      const result = await seedDemoAccount(db, now);
      // Keys are stored hashed, so earlier ones cannot be shown again: each run mints two new ones.
      const keys = await mintProductKeys(db, { plan: 'family', termYears: 1, count: 2, now });
      return [
        result === 'created'
          ? `Created the demo account ${DEMO_ACCOUNT.email} (password ${DEMO_ACCOUNT.password}).`
          : `The demo account ${DEMO_ACCOUNT.email} already exists.`,
        'It has a family subscription with two devices. Unused product keys to try activation with:',
        ...keys,
      ].join('\n');
    }
    case 'keys mint':
      return (await mintProductKeys(db, { plan: task.plan, termYears: task.termYears, count: task.count, now })).join('\n');
    case 'agents add':
      return agentAddedLines(task, await addAgent(db, { ...task, now }));
    case 'jobs run':
      // It needs the job runner and the mail transport: commands/jobs.ts and the service do it.
      throw new Error('jobs run is carried out by the job runner, not as a database task.');
    case 'releases publish': {
      const { command: _command, ...release } = task;
      return (await recordRelease(db, { ...release, notes: release.notes, rolloutPercent: release.rolloutPercent }, now)).id;
    }
  }
}

async function inOwnProcess(config: ServiceConfig, task: Task): Promise<string> {
  const db = createDatabase(config);
  try {
    if (task.command !== 'migrate') await migrateToLatest(db);
    return await performTask(db, config.now(), task);
  } finally {
    await db.destroy();
  }
}

/** How long a command waits for a service that is starting to open its channel (it migrates first). */
const STARTING_SERVICE_WAIT_MS = 60_000;

/**
 * Runs a command's task where it is safe to: on PostgreSQL in this process (any number of
 * processes may share it); on the embedded database through the service that has it open,
 * if one does, else in this process, which then holds the folder. A folder held by a
 * process that is no service is refused, naming it. `own` is what this process does (a
 * command that needs more than the database, such as `jobs run`, brings its own).
 */
export async function runTask(config: ServiceConfig, task: Task, own: () => Promise<string> = () => inOwnProcess(config, task)): Promise<string> {
  if (config.databaseUrl) return own();
  const answered = await askRunningService(config.dataDir, task);
  if (answered !== undefined) return answered;
  try {
    return await own();
  } catch (error) {
    const inUse = folderInUse(error);
    if (inUse?.holder.command !== 'start') throw inUse ?? error;
    // A service that is starting: it opens its channel once migrated.
    const deadline = Date.now() + STARTING_SERVICE_WAIT_MS;
    while (Date.now() < deadline && liveHolder(config.dataDir)?.pid === inUse.holder.pid) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const late = await askRunningService(config.dataDir, task);
      if (late !== undefined) return late;
    }
    throw inUse;
  }
}

/** Writes `text` and a newline, and waits for the pipe to take it all: the CLI exits right after. */
export function print(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(`${text}\n`, (error) => (error ? reject(error) : resolve())));
}
