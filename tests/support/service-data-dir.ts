import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { removeOwnerOnlyDataFolder } from '../integration/data-at-rest/owner-only-data-folder';
import { createPostgresDatabase } from './database';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface ServiceDataDir {
  readonly dataDir: string;
  /** `DATA_DIR`, and `DATABASE_URL` of a fresh PostgreSQL database when the tests run with one. */
  readonly env: Record<string, string>;
}

/**
 * An empty data folder (and, with DATABASE_URL, an empty database) for the service's own
 * command line to migrate and seed, as an operator would: made in beforeAll, removed in afterAll.
 */
export function useServiceDataDir(prefix: string): ServiceDataDir {
  let dataDir: string | undefined;
  let env: Record<string, string> | undefined;
  let dropDatabase = async () => {};

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), prefix));
    env = { DATA_DIR: dataDir };
    if (process.env.DATABASE_URL) {
      const database = await createPostgresDatabase(process.env.DATABASE_URL);
      env.DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }
  });
  afterAll(async () => {
    await dropDatabase();
    if (dataDir) await removeOwnerOnlyDataFolder(dataDir, 'service data folder');
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The data folder is made in beforeAll: use it inside a test');
    return value;
  };
  return {
    get dataDir() {
      return ready(dataDir);
    },
    get env() {
      return ready(env);
    },
  };
}

/** `npm run server -- <args>` as the README says, with only PATH, HOME and `env` in its environment. */
export function npmRunServer(env: Record<string, string>, ...args: string[]) {
  return run('npm', ['run', '--silent', 'server', '--', ...args], { cwd: repoRoot, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
}
