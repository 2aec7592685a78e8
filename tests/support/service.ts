import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { buildApp, listeningUrl } from '../../server/src/app';
import { LISTENING_LINE } from '../../server/src/commands/start';
import { loadConfig } from '../../server/src/config';
import type { Services } from '../../server/src/services';
import { removeOwnerOnlyDataFolder } from '../integration/data-at-rest/owner-only-data-folder';
import { createPostgresDatabase, preparePgliteDataDir } from './database';

export type ServiceEnv = Partial<Record<string, string>>;

export interface RunningService {
  /** `http://127.0.0.1:<port>` */
  url: string;
  dataDir: string;
  outboxDir: string;
  /** Every log line the service wrote so far (pino JSON, one a line). */
  logs(): string;
  stop(): Promise<void>;
}

/**
 * Settings every test service gets unless `env` overrides them: rate limits high enough
 * that only the rate-limit test meets them.
 */
const testDefaults: ServiceEnv = { AUTH_RATE_LIMIT: '100000', LOG_LEVEL: 'info' };

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A fresh database for one service: a new PostgreSQL database when DATABASE_URL is set
 * (in `env` or the environment), else a copy of the migrated PGlite template in `dataDir`.
 */
async function freshDatabase(dataDir: string, env: ServiceEnv): Promise<{ databaseUrl?: string; drop(): Promise<void> }> {
  const serverUrl = 'DATABASE_URL' in env ? env.DATABASE_URL : process.env.DATABASE_URL;
  if (serverUrl) {
    const database = await createPostgresDatabase(serverUrl);
    return { databaseUrl: database.url, drop: database.drop };
  }
  await preparePgliteDataDir(dataDir);
  return { drop: async () => {} };
}

export interface InProcessService extends RunningService {
  /** The running app's services (its database, clock, mailer): for setting up what no route makes, such as product keys. */
  services: Services;
}

/** The real account service in this process, on 127.0.0.1 at a free port. */
export async function startService(options: { env?: ServiceEnv; now?: () => Date } = {}): Promise<InProcessService> {
  const env = { ...testDefaults, ...options.env };
  const dataDir = await mkdtemp(join(tmpdir(), 'palisade-service-'));
  const database = await freshDatabase(dataDir, env);
  let logText = '';
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logText += chunk.toString('utf8');
      done();
    },
  });
  const config = loadConfig(
    { ...env, DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: '0', DATABASE_URL: database.databaseUrl ?? '' },
    { logStream, ...(options.now && { now: options.now }) },
  );
  const app = await buildApp(config);
  await app.listen({ host: config.host, port: 0 });
  return {
    url: listeningUrl(app)!,
    dataDir,
    outboxDir: join(dataDir, 'outbox'),
    services: app.services,
    logs: () => logText,
    async stop() {
      await app.close();
      await database.drop();
      await removeOwnerOnlyDataFolder(dataDir, 'service data folder');
    },
  };
}

export interface SpawnedService extends RunningService {
  child: ChildProcess;
  /** What the service's own command line needs to reach its data (`DATA_DIR`, and `DATABASE_URL` on PostgreSQL). */
  commandEnv: Record<string, string>;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals>;
}

/**
 * The account service as its own process (`server/src/cli.ts start`), as `npm run server`
 * runs it. Pass `dataDir` to reuse a folder across restarts (the caller then removes it).
 * `stop()` sends SIGTERM and waits; `child.kill('SIGKILL')` is there for crash tests.
 */
export async function spawnService(options: { env?: ServiceEnv; dataDir?: string; args?: string[] } = {}): Promise<SpawnedService> {
  const env = { ...testDefaults, ...options.env };
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'palisade-service-')));
  const database = ownsDataDir ? await freshDatabase(dataDir, env) : { drop: async () => {} };
  const databaseUrl = 'databaseUrl' in database ? database.databaseUrl : env.DATABASE_URL;

  // SERVICE_NODE_ARGS passes Node flags to the service, such as `--cpu-prof` to profile a bench.
  const nodeArgs = process.env.SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/src/cli.ts', 'start', ...(options.args ?? [])], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      ...env,
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: env.PORT ?? '0',
      ...(databaseUrl && { DATABASE_URL: databaseUrl }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | NodeJS.Signals>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code ?? 0));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind the test that gave up on it.
      child.kill('SIGKILL');
      reject(new Error(`The service did not start in 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = new RegExp(`^${LISTENING_LINE} (\\S+)$`, 'm').exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The service exited (${code}) before listening:\n${output}`));
    });
  });

  return {
    url,
    dataDir,
    outboxDir: join(dataDir, 'outbox'),
    child,
    commandEnv: { DATA_DIR: dataDir, ...(databaseUrl && { DATABASE_URL: databaseUrl }) },
    exited,
    logs: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      await database.drop();
      if (ownsDataDir) await removeOwnerOnlyDataFolder(dataDir, 'service data folder');
    },
  };
}
