/**
 * What the registrations, heartbeats and scale benches share: a database with bench
 * accounts (PGlite or a fresh PostgreSQL database), the service as its own process on it,
 * a signed-in token per account, keep-alive connections, and a Kysely of the bench's own
 * on the same rows (PostgreSQL) or on an identical copy (PGlite, which one process holds)
 * to capture and replay the service's statements.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '../../server/src/db/database';
import type { Db } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { ComponentKeys } from '../../server/src/devices/component-keys';
import { LeaseSigner } from '../../server/src/licence/lease-signer';
import { createPostgresDatabase, preparePgliteDataDir } from '../../tests/support/database';
import { spawnService, type SpawnedService } from '../../tests/support/service';
import { BENCH_COMPONENT_SECRET, BENCH_PASSWORD, emailOf, seedAccounts, seedDevices, vacuum } from './bench-accounts';
import { KeepAliveConnection } from './keep-alive-client';
import { cpuSeconds, POSTGRES_SERVER, round, saturate, summarise, tally, type Summary } from './load';
import { RecordingDb } from './statements';

export type DatabaseKind = 'PGlite' | 'PostgreSQL';

/** The service's PostgreSQL pool (server/src/db/database.ts): pgbench gets as many connections. */
export const SERVICE_POOL_SIZE = 10;

export interface BenchSetup {
  kind: DatabaseKind;
  service: SpawnedService;
  /** The bench's own Kysely: the service's database on PostgreSQL, its twin on PGlite. */
  baseline: RecordingDb;
  /** PostgreSQL only. */
  databaseUrl: string | undefined;
  /** Account n's access token at tokens[n - 1]. */
  tokens: string[];
  connections: KeepAliveConnection[];
  /** A scratch folder of the bench's (keys for the captured leases, the pgbench script). */
  scratch: string;
  leases: LeaseSigner;
  keys: ComponentKeys;
  seededAt: Date;
  close(): Promise<void>;
}

async function seed(db: Db, accounts: number, devices: number, now: Date) {
  await seedAccounts(db, accounts, now);
  if (devices > 0) await seedDevices(db, devices, accounts, now);
  await vacuum(db);
}

/**
 * A database of `accounts` bench accounts (and `devices` devices spread over them), the
 * service on it, and one token per account. `prepare` runs before the service starts (the
 * scale bench's preload).
 */
export async function setUp(
  kind: DatabaseKind,
  options: { accounts: number; devices: number; concurrency: number; databaseUrl?: string; serviceArgs?: string[] },
): Promise<BenchSetup> {
  const scratch = await mkdtemp(join(tmpdir(), 'palisade-bench-'));
  const serviceDir = join(scratch, 'service');
  const cleanUps: (() => Promise<void>)[] = [() => rm(scratch, { recursive: true, force: true })];
  const cleanUp = async () => {
    for (const step of cleanUps.reverse()) await step().catch((error: unknown) => console.error('bench clean-up:', error));
  };
  try {
    const seededAt = new Date();
    let databaseUrl = options.databaseUrl;
    let baseline: RecordingDb;
    if (kind === 'PostgreSQL') {
      if (!databaseUrl) {
        const created = await createPostgresDatabase(POSTGRES_SERVER);
        databaseUrl = created.url;
        cleanUps.push(created.drop);
        const migrating = createDatabase({ dataDir: serviceDir, databaseUrl });
        await migrateToLatest(migrating);
        await seed(migrating, options.accounts, options.devices, seededAt);
        await migrating.destroy();
      }
      baseline = RecordingDb.postgres(databaseUrl, 2);
    } else {
      // One process holds a PGlite folder: the service gets one, the bench an identical twin.
      const twinDir = join(scratch, 'twin');
      for (const dir of [serviceDir, twinDir]) {
        await preparePgliteDataDir(dir);
        const db = createDatabase({ dataDir: dir, databaseUrl: undefined });
        await seed(db, options.accounts, options.devices, seededAt);
        await db.destroy();
      }
      baseline = RecordingDb.pglite(twinDir);
    }
    cleanUps.push(() => baseline.destroy());

    const service = await spawnService({
      dataDir: serviceDir,
      ...(options.serviceArgs && { args: options.serviceArgs }),
      env: { LOG_LEVEL: 'warn', COMPONENT_SECRET: BENCH_COMPONENT_SECRET, ...(databaseUrl && { DATABASE_URL: databaseUrl }) },
    });
    cleanUps.push(() => service.stop());

    const tokens = await signIn(service.url, options.accounts);
    const connections = await Promise.all(Array.from({ length: options.concurrency }, () => KeepAliveConnection.open(service.url)));
    cleanUps.push(async () => connections.forEach((c) => c.close()));
    const keysDir = join(scratch, 'keys');
    return {
      kind,
      service,
      baseline,
      databaseUrl,
      tokens,
      connections,
      scratch,
      leases: await LeaseSigner.load(keysDir),
      keys: await ComponentKeys.load({ componentSecret: BENCH_COMPONENT_SECRET, keysDir }),
      seededAt,
      close: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** Signs every account in over HTTP, a few at a time (each is one argon2id verification). */
async function signIn(url: string, accounts: number): Promise<string[]> {
  const tokens: string[] = new Array<string>(accounts);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < accounts) {
        const n = ++next;
        const response = await fetch(`${url}/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: emailOf(n), password: BENCH_PASSWORD }),
        });
        const body = (await response.json()) as { accessToken?: string };
        if (response.status !== 200 || !body.accessToken) throw new Error(`bench sign-in failed: ${JSON.stringify(body)}`);
        tokens[n - 1] = body.accessToken;
      }
    }),
  );
  return tokens;
}

export interface RoundPair {
  database: number;
  service: number;
  ratio: number;
}

export interface Comparison {
  service: Summary & { cpuMsPerRequest: number };
  /** The database's own rate for the same statements. */
  databaseOwn: { perSecond: number; detail: unknown };
  rounds: RoundPair[];
  ratio: number;
  ratioSpread: [number, number];
}

/**
 * The service and the database's own rate, in alternating rounds after a warm-up of each
 * (so background load on the shared machine hits both alike), with `reset` before every
 * round. `database(seconds)` runs the baseline for that long and answers its rate.
 */
export async function compare(options: {
  setup: BenchSetup;
  rounds: number;
  secondsPerRound: number;
  warmUpSeconds: number;
  concurrency: number;
  service: (worker: number) => Promise<string | undefined>;
  database: (seconds: number) => Promise<{ perSecond: number; detail?: unknown }>;
  reset?: () => Promise<void>;
}): Promise<Comparison> {
  const { setup, concurrency } = options;
  const reset = options.reset ?? (async () => {});
  await reset();
  await options.database(options.warmUpSeconds);
  await reset();
  await saturate(concurrency, options.warmUpSeconds, options.service);
  const serviceTally = tally();
  const rounds: RoundPair[] = [];
  const details: unknown[] = [];
  let databaseTotal = 0;
  let cpu = 0;
  for (let i = 0; i < options.rounds; i++) {
    await reset();
    const database = await options.database(options.secondsPerRound);
    databaseTotal += database.perSecond;
    details.push(database.detail);
    await reset();
    const before = { count: serviceTally.latencies.length, seconds: serviceTally.seconds, cpu: cpuSeconds(setup.service.child.pid!) };
    await saturate(concurrency, options.secondsPerRound, options.service, serviceTally);
    cpu += cpuSeconds(setup.service.child.pid!) - before.cpu;
    const service = (serviceTally.latencies.length - before.count) / (serviceTally.seconds - before.seconds);
    rounds.push({ database: round(database.perSecond, 1), service: round(service, 1), ratio: round(service / database.perSecond, 3) });
  }
  const service = summarise(serviceTally);
  const databasePerSecond = databaseTotal / options.rounds;
  const ratios = rounds.map((r) => r.ratio);
  return {
    service: { ...service, cpuMsPerRequest: round((cpu * 1000) / service.count, 3) },
    databaseOwn: { perSecond: round(databasePerSecond, 1), detail: details },
    rounds,
    ratio: round(service.perSecond / databasePerSecond, 3),
    ratioSpread: [Math.min(...ratios), Math.max(...ratios)],
  };
}
