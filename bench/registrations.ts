/**
 * Device registrations per second and their p99 latency, on the embedded database
 * (PGlite) and on PostgreSQL when a server answers on 127.0.0.1:5432, each ÷ the same
 * service's `/v1/health` throughput measured in the same run (target ≥ 0.25). Health is
 * one HTTP round trip and one database round trip: the floor of any request. A
 * registration adds authentication, a transaction that locks the account and the
 * subscription, the same-machine lookup, the seat count, the insert and a signed lease.
 *
 * The service runs as its own process (`server/src/cli.ts start`), as in production; this
 * process is the load generator. Accounts and product keys are seeded straight into the
 * database before the service starts; everything measured goes over HTTP.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createDatabase } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { hashPassword } from '../server/src/identity/password-hashing';
import { mintProductKeys } from '../server/src/subscriptions/product-keys';
import { createPostgresDatabase, preparePgliteDataDir } from '../tests/support/database';
import { userRow } from '../tests/support/rows';
import { spawnService } from '../tests/support/service';
import { httpRequest, KeepAliveConnection } from './support/keep-alive-client';

const TARGET_RATIO = 0.25;
/** Requests in flight, as many clients at once would send. */
const CONCURRENCY = 16;
/**
 * Accounts of a realistic size, taken in turn: four `max` subscriptions (40 seats) each,
 * 4,800 seats in all, so the run never meets the seat limit.
 */
const ACCOUNTS = 120;
const SUBSCRIPTIONS_PER_ACCOUNT = 4;
/** Health and registrations alternate in short rounds, so background load hits both alike. */
const ROUNDS = 3;
const SECONDS_PER_ROUND = 2;
/** Long enough for V8 to have optimised the hot code (PGlite's WebAssembly above all). */
const WARM_UP_SECONDS = 4;
const POSTGRES_SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'a bench of quiet lighthouses';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Tally {
  latencies: number[];
  seconds: number;
  failures: Record<string, number>;
}
const tally = (): Tally => ({ latencies: [], seconds: 0, failures: {} });

/** Runs `task` from `workers` loops for `seconds`; `task` returns an error label or nothing. */
async function saturate(workers: number, seconds: number, task: (worker: number) => Promise<string | undefined>, into?: Tally) {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        const failure = await task(worker);
        if (failure) failures[failure] = (failures[failure] ?? 0) + 1;
        else latencies.push(performance.now() - t);
      }
    }),
  );
  if (into) {
    into.latencies.push(...latencies);
    into.seconds += (performance.now() - started) / 1000;
    for (const [k, v] of Object.entries(failures)) into.failures[k] = (into.failures[k] ?? 0) + v;
  }
}

function summarise(t: Tally) {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    seconds: round(t.seconds),
    perSecond: round(sorted.length / t.seconds, 1),
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    failures: t.failures,
  };
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Accounts with confirmed e-mail and product keys for their subscriptions, before the service starts. */
async function seed(dataDir: string, databaseUrl: string | undefined) {
  const db = createDatabase({ dataDir, databaseUrl });
  try {
    await migrateToLatest(db);
    const now = new Date();
    const passwordHash = await hashPassword(PASSWORD);
    const accounts = [];
    for (let i = 0; i < ACCOUNTS; i++) {
      const user = userRow('bench', now, { name: `Bench ${i}`, password_hash: passwordHash });
      await db.insertInto('users').values(user).execute();
      accounts.push({ email: user.email, keys: await mintProductKeys(db, { plan: 'max', termYears: 1, count: SUBSCRIPTIONS_PER_ACCOUNT, now }) });
    }
    return accounts;
  } finally {
    await db.destroy();
  }
}

async function measure(database: 'PGlite' | 'PostgreSQL') {
  const dataDir = await mkdtemp(join(tmpdir(), 'palisade-bench-registrations-'));
  let dropDatabase = async () => {};
  let databaseUrl: string | undefined;
  if (database === 'PostgreSQL') {
    const created = await createPostgresDatabase(POSTGRES_SERVER);
    databaseUrl = created.url;
    dropDatabase = created.drop;
  } else {
    await preparePgliteDataDir(dataDir);
  }
  try {
    const accounts = await seed(dataDir, databaseUrl);
    const service = await spawnService({ dataDir, env: { LOG_LEVEL: 'warn', ...(databaseUrl && { DATABASE_URL: databaseUrl }) } });
    try {
      const post = async (path: string, body: unknown, token?: string) => {
        const response = await fetch(`${service.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      const tokens: string[] = [];
      for (const account of accounts) {
        const login = await post('/v1/auth/login', { email: account.email, password: PASSWORD });
        if (login.status !== 200) throw new Error(`bench sign-in failed: ${JSON.stringify(login.body)}`);
        const token = String(login.body.accessToken);
        for (const productKey of account.keys) {
          const activated = await post('/v1/subscriptions/activate', { productKey }, token);
          if (activated.status !== 201) throw new Error(`bench activation failed: ${JSON.stringify(activated.body)}`);
        }
        tokens.push(token);
      }

      // The load goes over keep-alive connections, one request in flight on each, from a
      // client that costs the shared cores little (bench/support/keep-alive-client.ts).
      const connections = await Promise.all(Array.from({ length: CONCURRENCY }, () => KeepAliveConnection.open(service.url)));
      const healthRequest = httpRequest('GET', `${service.url}/v1/health`);
      const health = async (worker: number) => {
        const { status } = await connections[worker]!.send(healthRequest);
        return status === 200 ? undefined : `health ${status}`;
      };
      // Each request is a machine never seen before: five component hashes of its own.
      let next = 0;
      const registration = async (worker: number) => {
        const components = Array.from({ length: 5 }, () => sha256(randomUUID()));
        const body = { fingerprint: sha256(components.join('')), components, name: 'Bench machine', os: 'Windows 11 Pro 23H2', platform: 'windows', appVersion: '1.0.0' };
        const answer = await connections[worker]!.send(httpRequest('POST', `${service.url}/v1/devices`, { body, token: tokens[next++ % tokens.length]! }));
        if (answer.status === 201) return undefined;
        return String((JSON.parse(answer.body.toString('utf8')) as { error?: { code?: string } }).error?.code ?? answer.status);
      };

      await saturate(CONCURRENCY, WARM_UP_SECONDS, health);
      await saturate(CONCURRENCY, WARM_UP_SECONDS, registration);
      const healthTally = tally();
      const registrationTally = tally();
      for (let i = 0; i < ROUNDS; i++) {
        await saturate(CONCURRENCY, SECONDS_PER_ROUND, health, healthTally);
        await saturate(CONCURRENCY, SECONDS_PER_ROUND, registration, registrationTally);
      }
      const healthResult = summarise(healthTally);
      const registrations = summarise(registrationTally);
      for (const connection of connections) connection.close();
      const ratio = registrations.perSecond / healthResult.perSecond;
      return { database, concurrency: CONCURRENCY, accounts: ACCOUNTS, health: healthResult, registrations, ratio: round(ratio, 3), meetsTarget: ratio >= TARGET_RATIO };
    } finally {
      await service.stop();
    }
  } finally {
    await dropDatabase();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export default async function benchRegistrations() {
  const results = [await measure('PGlite')];
  const postgres = await postgresAnswers(POSTGRES_SERVER);
  if (postgres) results.push(await measure('PostgreSQL'));
  const line = (r: (typeof results)[number]) =>
    `${r.database}: ${r.registrations.perSecond} registrations/s (p99 ${r.registrations.p99Ms} ms) ÷ ${r.health.perSecond} health/s = ${r.ratio}`;
  return {
    summary: `${results.map(line).join('; ')} (target ≥ ${TARGET_RATIO})${postgres ? '' : '; PostgreSQL skipped: no server on 127.0.0.1:5432'}`,
    method: `${ROUNDS} alternating rounds of ${SECONDS_PER_ROUND} s of /v1/health and ${SECONDS_PER_ROUND} s of POST /v1/devices (each a new machine, ${ACCOUNTS} accounts), ${CONCURRENCY} in flight, after ${WARM_UP_SECONDS} s warm-up each`,
    results,
    postgresSkipped: !postgres,
    targetRatio: TARGET_RATIO,
    meetsTarget: results.every((r) => r.meetsTarget),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchRegistrations(), null, 2));
}
