import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, type Db } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { removeOwnerOnlyDataFolder } from '../integration/data-at-rest/owner-only-data-folder';
import { createPostgresDatabase } from './database';
import { type ServiceEnv, type SpawnedService, spawnService } from './service';

/** The configuration the tests run is the one deployments use. */
export const HAPROXY_CONFIG = fileURLToPath(new URL('../../deploy/haproxy.cfg', import.meta.url));
const HAPROXY = '/usr/sbin/haproxy';
export const INSTANCES = 3;
/**
 * How long a stopping instance keeps serving with its health at 503: above the two failed
 * checks (1 s apart) that take it out of HAProxy's rotation, as deploy/palisade.env says.
 */
export const DRAIN_MS = 3_000;

export type ServerState = 'UP' | 'DOWN' | 'MAINT' | 'NOLB' | 'no check' | string;

export interface Cluster {
  /** HAProxy's frontend: where clients go. */
  url: string;
  /** Each instance's own address, past the balancer: to prove what one made works on another. */
  instanceUrls: readonly string[];
  /** The shared database, opened from the test for what no route shows (rows to count, keys to mint). */
  db: Db;
  databaseUrl: string;
  /** The shared Redis when the run has one (REDIS_URL set), else undefined. */
  redisUrl: string | undefined;
  keysDir: string;
  /** SIGKILL: the instance is gone at once, mid-request, as in a crash. */
  kill(index: number): Promise<void>;
  /** SIGTERM: the instance drains (health 503, requests still served), then closes. */
  stop(index: number): Promise<void>;
  /** Starts a stopped or killed instance again on its own port; resolves once it listens. */
  restart(index: number): Promise<void>;
  /** Whether the instance's process is running. */
  running(index: number): boolean;
  /** HAProxy's view of each instance (`show stat`), in instance order. */
  states(): Promise<ServerState[]>;
  /** Waits until HAProxy sees the instance in `state` (checks are 1 s apart). */
  waitForState(index: number, state: ServerState, timeoutMs?: number): Promise<void>;
  /** One command to HAProxy's admin socket (`disable server palisade_instances/palisade2`, …), its answer back. */
  haproxy(command: string): Promise<string>;
  /** Every line an instance wrote, across its restarts. */
  logs(index: number): string;
  haproxyLogs(): string;
  close(): Promise<void>;
}

/** A port nobody listens on right now, for an address HAProxy's configuration names before it exists. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

interface OwnProcess {
  child: ChildProcess;
  exited: Promise<unknown>;
  output(): string;
}

/** A child process whose output is kept (the last 200 kB) and that is SIGKILLed if this process exits first. */
function own(command: string, args: string[], env: NodeJS.ProcessEnv): OwnProcess {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  void exited.then(() => process.off('exit', orphanGuard));
  return { child, exited, output: () => output };
}

async function stopProcess(owned: OwnProcess | undefined): Promise<void> {
  if (!owned || owned.child.exitCode !== null || owned.child.signalCode !== null) return;
  owned.child.kill('SIGTERM');
  const timer = setTimeout(() => owned.child.kill('SIGKILL'), 10_000);
  await owned.exited;
  clearTimeout(timer);
}

/** A Redis of the cluster's own on a free port, kept in memory only, so no other test shares its counters. */
async function startRedis(): Promise<{ url: string; process: OwnProcess }> {
  const port = await freePort();
  const redis = own('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { PATH: process.env.PATH });
  await waitFor('redis-server to accept connections', 10_000, async () => /Ready to accept connections/.test(redis.output()));
  return { url: `redis://127.0.0.1:${port}`, process: redis };
}

/** One line to HAProxy's admin socket, its whole answer back. */
function askHaproxy(socketPath: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(socketPath, () => socket.write(`${command}\n`));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.once('end', () => resolve(answer));
    socket.once('error', reject);
  });
}

/**
 * HAProxy (Debian's, with deploy/haproxy.cfg) in front of three account-service instances
 * on one fresh PostgreSQL database from DATABASE_URL (or `serverUrl`) and, when REDIS_URL is
 * set (or `redis`), one Redis;
 * all on loopback. The instances share one key folder (KEYS_DIR) and one COMPONENT_SECRET,
 * believe HAProxy's X-Forwarded-For (TRUST_PROXY), and do not migrate (MIGRATE_ON_START=false):
 * the schema is migrated once first, as a rolling deploy does. `close()` stops everything.
 */
export async function startCluster(options: { env?: ServiceEnv; smtpUrl?: string; serverUrl?: string; redis?: boolean } = {}): Promise<Cluster> {
  const serverUrl = options.serverUrl ?? process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('A cluster needs PostgreSQL: set DATABASE_URL');

  const cleanups: (() => Promise<void>)[] = [];
  // Every step runs even when one fails; the first failure is reported after.
  const cleanUp = async () => {
    let failure: unknown;
    for (const step of cleanups.splice(0).reverse()) await step().catch((error: unknown) => (failure ??= error));
    if (failure) throw failure;
  };
  try {
    const folder = await mkdtemp(join(tmpdir(), 'palisade-cluster-'));
    cleanups.push(() => removeOwnerOnlyDataFolder(folder, 'cluster folder'));
    const keysDir = join(folder, 'keys');
    const database = await createPostgresDatabase(serverUrl);
    cleanups.push(database.drop);
    const db = createDatabase({ dataDir: folder, databaseUrl: database.url });
    cleanups.push(() => db.destroy());
    await migrateToLatest(db);

    const redis = (options.redis ?? Boolean(process.env.REDIS_URL)) ? await startRedis() : undefined;
    if (redis) cleanups.push(() => stopProcess(redis.process));

    const frontendPort = await freePort();
    const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
    const socketPath = join(folder, 'haproxy.sock');
    const url = `http://127.0.0.1:${frontendPort}`;
    const env: ServiceEnv = {
      DATABASE_URL: database.url,
      KEYS_DIR: keysDir,
      COMPONENT_SECRET: randomBytes(32).toString('hex'),
      TRUST_PROXY: '127.0.0.1',
      MIGRATE_ON_START: 'false',
      DRAIN_MS: String(DRAIN_MS),
      PUBLIC_URL: url,
      ...(redis && { REDIS_URL: redis.url }),
      ...(options.smtpUrl && { SMTP_URL: options.smtpUrl }),
      ...options.env,
    };

    const instances: (SpawnedService | undefined)[] = Array.from({ length: INSTANCES }, () => undefined);
    const pastLogs: string[] = Array.from({ length: INSTANCES }, () => '');
    const startInstance = async (index: number) => {
      const dataDir = join(folder, `instance-${index + 1}`);
      instances[index] = await spawnService({ dataDir, env: { ...env, PORT: String(ports[index]) } });
    };
    const stopAll = async () => {
      await Promise.all(instances.map((instance) => instance?.stop()));
    };
    cleanups.push(stopAll);
    // The first start makes the shared keys; the others then find them.
    await startInstance(0);
    await Promise.all([1, 2].map(startInstance));

    const haproxy = own(HAPROXY, ['-db', '-f', HAPROXY_CONFIG], {
      PATH: process.env.PATH,
      PALISADE_LISTEN: `127.0.0.1:${frontendPort}`,
      PALISADE_HAPROXY_SOCKET: socketPath,
      ...Object.fromEntries(ports.map((port, i) => [`PALISADE_INSTANCE_${i + 1}`, `127.0.0.1:${port}`])),
    });
    cleanups.push(() => stopProcess(haproxy));

    const serverNames = ports.map((_, i) => `palisade${i + 1}`);
    const states = async (): Promise<ServerState[]> => {
      const [header, ...rows] = (await askHaproxy(socketPath, 'show stat')).trim().split('\n');
      const columns = header!.replace(/^# /, '').split(',');
      const name = columns.indexOf('svname');
      const status = columns.indexOf('status');
      const byName = new Map(rows.map((row) => row.split(',')).map((cells) => [cells[name], cells[status]!]));
      return serverNames.map((server) => byName.get(server) ?? 'unknown');
    };
    const waitForState = (index: number, state: ServerState, timeoutMs = 15_000) =>
      waitFor(`palisade${index + 1} to be ${state} in HAProxy`, timeoutMs, async () => (await states())[index] === state);
    for (let i = 0; i < INSTANCES; i++) await waitForState(i, 'UP');

    const instance = (index: number): SpawnedService => {
      const found = instances[index];
      if (!found) throw new Error(`Instance ${index + 1} is not running`);
      return found;
    };
    const retire = async (index: number, signal: NodeJS.Signals) => {
      const running = instance(index);
      running.child.kill(signal);
      await running.exited;
      pastLogs[index] += running.logs();
      // Nothing left to wait for; stop() only frees what spawnService holds.
      await running.stop();
      instances[index] = undefined;
    };

    return {
      url,
      instanceUrls: ports.map((port) => `http://127.0.0.1:${port}`),
      db,
      databaseUrl: database.url,
      redisUrl: redis?.url,
      keysDir,
      kill: (index) => retire(index, 'SIGKILL'),
      stop: (index) => retire(index, 'SIGTERM'),
      restart: async (index) => {
        if (instances[index]) throw new Error(`Instance ${index + 1} is still running`);
        await startInstance(index);
      },
      running: (index) => instances[index] !== undefined,
      states,
      waitForState,
      haproxy: (command) => askHaproxy(socketPath, command),
      logs: (index) => pastLogs[index] + (instances[index]?.logs() ?? ''),
      haproxyLogs: () => haproxy.output(),
      close: cleanUp,
    };
  } catch (error) {
    await cleanUp().catch(() => {});
    throw error;
  }
}
