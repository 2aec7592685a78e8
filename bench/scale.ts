/**
 * Registrations and heartbeats on a PostgreSQL database preloaded with 1,000,000 devices
 * over 250,000 accounts ÷ the same on an empty database (targets: throughput ≥ 0.9 ×, p99
 * ≤ 1.5 ×), and the device list of an account with 1,000 devices (p99 ≤ 20 ms).
 *
 * Both databases are fresh, migrated by the service's own migrations, and get the same
 * bench accounts (bench/support/bench-accounts.ts); the big one then gets the preload, one
 * `INSERT … SELECT … FROM generate_series` a table (one password hash for all, component
 * hashes from md5 of the number), and `VACUUM ANALYZE`. A service runs on each; the same
 * load (registrations.ts, heartbeats.ts) goes to one then the other in alternating rounds.
 * The hot statements are captured from the service's code and `EXPLAIN (ANALYZE)`d on the
 * big database, to say whether each finds its rows through an index. Both databases are
 * dropped at the end, and on failure.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { createDatabase } from '../server/src/db/database';
import { migrateToLatest } from '../server/src/db/migrate';
import { listDevices } from '../server/src/devices/devices';
import { hashPassword } from '../server/src/identity/password-hashing';
import { createPostgresDatabase } from '../tests/support/database';
import { captureHeartbeat, heartbeatLoad } from './heartbeats';
import { captureRegistration, registrationLoad } from './registrations';
import { accountId, BENCH_PASSWORD, seedAccounts, seedDevices, subscriptionIdOf } from './support/bench-accounts';
import { httpRequest } from './support/keep-alive-client';
import { loadAverage, POSTGRES_SERVER, postgresAnswers, round, saturate, summarise, tally, type Tally } from './support/load';
import { setUp, type BenchSetup } from './support/service-bench';
import type { Step } from './support/statements';

const TARGETS = { throughputRatio: 0.9, p99Ratio: 1.5, deviceListP99Ms: 20 };
const CONCURRENCY = 16;
/** Bench accounts 1…ACCOUNTS carry the load (signed in, ten heartbeat devices each). */
const ACCOUNTS = 300;
const HEARTBEAT_DEVICES = 3000;
/** The account whose list is read: bench account ACCOUNTS + 1, with LIST_DEVICES devices. */
const LIST_ACCOUNT = ACCOUNTS + 1;
const LIST_DEVICES = 1000;
const LIST_REQUESTS = 300;
const PRELOAD_ACCOUNTS = Number(process.env.BENCH_SCALE_ACCOUNTS ?? 250_000);
const PRELOAD_DEVICES = Number(process.env.BENCH_SCALE_DEVICES ?? 1_000_000);
/** Preloaded account n is bench-id number PRELOAD_BASE + n, device n likewise: far from the bench's own. */
const PRELOAD_BASE = 1_000_000_000;
const LIST_DEVICE_BASE = 900_000_000;
const ROUNDS = 3;
const SECONDS_PER_ROUND = 3;
const WARM_UP_SECONDS = 3;

/** The same ids as bench-accounts.ts, as SQL over a number. */
const sqlId = (prefix: string, number: string) => `('${prefix}' || lpad(to_hex(${number}), 12, '0'))::uuid`;
const userIdSql = (n: string) => sqlId('00000000-0000-4000-8000-', n);
const subscriptionIdSql = (n: string) => sqlId('55555555-5555-4555-8555-', n);
const deviceIdSql = (n: string) => sqlId('dddddddd-dddd-4ddd-8ddd-', n);

/** Devices of generate_series(from, to) as n: account from `accountOf`, realistic columns; a tenth deactivated. */
function devicesSelect(from: string, to: string, accountOf: string): string {
  return `
    insert into devices (id, user_id, subscription_id, name, os, platform, app_version, fingerprint, components,
                         components_keyed, status, registered_at, last_seen_at, deactivated_at, deactivated_reason, replaces_device_id)
    select ${deviceIdSql('n')}, ${userIdSql(`(${accountOf})`)}, ${subscriptionIdSql(`(${accountOf})`)},
           'Machine ' || n, (array['Windows 11 Pro 23H2', 'macOS 14.5', 'Ubuntu 24.04', 'Android 14', 'iOS 17.5'])[n % 5 + 1],
           (array['windows', 'macos', 'linux', 'android', 'ios'])[n % 5 + 1], '1.' || (n % 7) || '.0',
           md5(n::text) || md5('f' || n),
           array[md5(n || 'a') || md5(n || 'A'), md5(n || 'b') || md5(n || 'B'), md5(n || 'c') || md5(n || 'C'),
                 md5(n || 'd') || md5(n || 'D'), md5(n || 'e') || md5(n || 'E')],
           true, case when n % 10 = 0 then 'deactivated' else 'active' end,
           $1::timestamptz - interval '1 day' - (n % 700) * interval '1 day',
           $1::timestamptz - (n % 86400) * interval '1 second',
           case when n % 10 = 0 then $1::timestamptz - interval '1 hour' end,
           case when n % 10 = 0 then 'removed' end, null
    from generate_series(${from}::bigint, ${to}::bigint) as n`;
}

/** 250,000 accounts, a subscription each, 1,000,000 devices over them in turn; seconds each table took. */
async function preload(url: string, seededAt: Date): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const seconds: Record<string, number> = {};
  const timed = async (name: string, text: string, values: unknown[]) => {
    const t = performance.now();
    await client.query(text, values);
    seconds[name] = round((performance.now() - t) / 1000, 1);
  };
  try {
    // A bulk load: losing it in a crash costs nothing, waiting for each flush does.
    await client.query('set synchronous_commit = off');
    const to = PRELOAD_BASE + PRELOAD_ACCOUNTS;
    await timed(
      'users',
      `insert into users (id, email, name, password_hash, email_confirmed_at, password_changed_at, created_at, updated_at)
       select ${userIdSql('n')}, 'preload-' || n || '@preload.test', 'Preload ' || n, $2,
              $1::timestamptz - interval '800 days', $1::timestamptz - interval '800 days',
              $1::timestamptz - interval '800 days' - (n % 1000) * interval '1 day', $1::timestamptz - interval '1 day'
       from generate_series(${PRELOAD_BASE + 1}::bigint, ${to}::bigint) as n`,
      [seededAt, await hashPassword(BENCH_PASSWORD)],
    );
    await timed(
      'subscriptions',
      `insert into subscriptions (id, user_id, plan, seats, starts_at, expires_at, created_at)
       select ${subscriptionIdSql('n')}, ${userIdSql('n')}, (array['essentials', 'family', 'max'])[n % 3 + 1], (array[1, 5, 10])[n % 3 + 1],
              $1::timestamptz - interval '200 days', $1::timestamptz + interval '165 days' + (n % 365) * interval '1 day',
              $1::timestamptz - interval '200 days'
       from generate_series(${PRELOAD_BASE + 1}::bigint, ${to}::bigint) as n`,
      [seededAt],
    );
    await timed(
      'devices',
      devicesSelect(String(PRELOAD_BASE + 1), String(PRELOAD_BASE + PRELOAD_DEVICES), `${PRELOAD_BASE} + (n - ${PRELOAD_BASE} - 1) % ${PRELOAD_ACCOUNTS} + 1`),
      [seededAt],
    );
  } finally {
    await client.end();
  }
  return seconds;
}

interface Prepared {
  url: string;
  drop(): Promise<void>;
  preloadSeconds?: Record<string, number>;
}

/** A fresh database migrated by the service, the bench accounts, the list account's devices; the preload on the big one. */
async function prepare(scale: boolean, seededAt: Date, scratch: string): Promise<Prepared> {
  const created = await createPostgresDatabase(POSTGRES_SERVER);
  try {
    const db = createDatabase({ dataDir: scratch, databaseUrl: created.url });
    try {
      await migrateToLatest(db);
      await seedAccounts(db, LIST_ACCOUNT, seededAt);
      await seedDevices(db, HEARTBEAT_DEVICES, ACCOUNTS, seededAt);
    } finally {
      await db.destroy();
    }
    const client = new pg.Client({ connectionString: created.url });
    await client.connect();
    try {
      await client.query('update subscriptions set seats = 1000000 where id = $1', [subscriptionIdOf(LIST_ACCOUNT)]);
      await client.query(devicesSelect(String(LIST_DEVICE_BASE + 1), String(LIST_DEVICE_BASE + LIST_DEVICES), String(LIST_ACCOUNT)), [seededAt]);
    } finally {
      await client.end();
    }
    let preloadSeconds: Record<string, number> | undefined;
    if (scale) {
      const t = performance.now();
      preloadSeconds = await preload(created.url, seededAt);
      const analyse = new pg.Client({ connectionString: created.url });
      await analyse.connect();
      const a = performance.now();
      await analyse.query('vacuum analyze users, subscriptions, devices, sessions');
      await analyse.end();
      preloadSeconds.vacuumAnalyze = round((performance.now() - a) / 1000, 1);
      preloadSeconds.total = round((performance.now() - t) / 1000, 1);
    } else {
      const analyse = new pg.Client({ connectionString: created.url });
      await analyse.connect();
      await analyse.query('vacuum analyze users, subscriptions, devices, sessions');
      await analyse.end();
    }
    return { ...created, ...(preloadSeconds && { preloadSeconds }) };
  } catch (error) {
    await created.drop();
    throw error;
  }
}

/** Each scan of each table in an EXPLAIN (FORMAT JSON) plan. */
function scans(plan: Record<string, unknown>, into: { relation: string; node: string; index?: string }[] = []) {
  // A Bitmap Index Scan names its index but not its table (its Bitmap Heap Scan parent does).
  if (typeof plan['Relation Name'] === 'string' || typeof plan['Index Name'] === 'string') {
    into.push({
      relation: String(plan['Relation Name'] ?? '(bitmap)'),
      node: String(plan['Node Type']),
      ...(typeof plan['Index Name'] === 'string' && { index: plan['Index Name'] }),
    });
  }
  for (const child of (plan.Plans as Record<string, unknown>[] | undefined) ?? []) scans(child, into);
  return into;
}

/** EXPLAIN (ANALYZE) of each captured statement, in one transaction that is rolled back. */
async function explain(url: string, label: string, steps: readonly Step[], before: { sql: string; values: unknown[] }[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    for (const statement of before) await client.query(statement.sql, statement.values);
    const out = [];
    for (const step of steps) {
      if (typeof step === 'string') continue;
      // SAVEPOINT and the like cannot be explained, but the statements after them need them run.
      if (!/^\s*(select|insert|update|delete|with)\b/i.test(step.sql)) {
        await client.query(step.sql, [...step.parameters]);
        continue;
      }
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: Record<string, unknown>; 'Execution Time': number }] }>(
        `explain (analyze, format json) ${step.sql}`,
        [...step.parameters],
      );
      const [plan] = rows[0]!['QUERY PLAN'];
      const found = scans(plan.Plan);
      out.push({
        request: label,
        sql: step.sql.length > 240 ? `${step.sql.slice(0, 240)}…` : step.sql,
        executionMs: round(plan['Execution Time'], 3),
        scans: found,
        usesIndex: found.every((s) => s.node !== 'Seq Scan'),
      });
    }
    return out;
  } finally {
    await client.query('rollback').catch(() => {});
    await client.end();
  }
}

async function hotQueries(setup: BenchSetup) {
  const { db } = setup.baseline;
  const registration = await captureRegistration(setup);
  const heartbeat = await captureHeartbeat(setup);
  const list = await setup.baseline.record(() => listDevices(db, accountId(LIST_ACCOUNT)), async () => {});
  return [
    // The captured registration's device exists now: remove it (inside the rolled-back transaction) so its insert runs again.
    ...(await explain(setup.databaseUrl!, 'POST /v1/devices', registration.steps, [
      { sql: 'delete from devices where id = $1', values: [registration.roles.deviceId] },
      { sql: 'delete from idempotency_records where key = $1', values: [registration.roles.idempotencyKey] },
    ])),
    ...(await explain(setup.databaseUrl!, 'POST /v1/devices/:id/heartbeat', heartbeat.steps)),
    ...(await explain(setup.databaseUrl!, 'GET /v1/devices', list)),
  ];
}

/** GET /v1/devices of the 1,000-device account, one at a time. */
async function deviceList(setup: BenchSetup) {
  const token = setup.tokens[LIST_ACCOUNT - 1]!;
  const request = httpRequest('GET', `${setup.service.url}/v1/devices`, { token });
  const connection = setup.connections[0]!;
  const t = tally();
  let devices = 0;
  const once = async () => {
    const answer = await connection.send(request);
    if (answer.status !== 200) return String(answer.status);
    devices = (JSON.parse(answer.body.toString('utf8')) as unknown[]).length;
    return undefined;
  };
  for (let i = 0; i < 30; i++) await once();
  for (let i = 0; i < LIST_REQUESTS; i++) {
    const start = performance.now();
    const failure = await once();
    if (failure) t.failures[failure] = (t.failures[failure] ?? 0) + 1;
    else t.latencies.push(performance.now() - start);
    t.seconds += (performance.now() - start) / 1000;
  }
  return { devices, ...summarise(t) };
}

const benchUsers = Array.from({ length: ACCOUNTS }, (_, i) => accountId(i + 1));

/**
 * What a registration round added, removed (as resetRegistrations does) but found through
 * the bench accounts' index: its `registered_at > since` alone seq-scans a million devices
 * (40 s and more here). Devices are not vacuumed: with a million rows that scans every index.
 */
async function resetBenchRegistrations(setup: BenchSetup, since: Date): Promise<void> {
  const { db } = setup.baseline;
  await db.transaction().execute(async (trx) => {
    // Nothing refers to the round's new devices, but the check of devices.replaces_device_id
    // (no index) would seq-scan a million rows for each one deleted: skip it for this delete.
    await sql`set local session_replication_role = replica`.execute(trx);
    await trx.deleteFrom('devices').where('user_id', 'in', benchUsers).where('registered_at', '>', since).execute();
  });
  await db.deleteFrom('account_events').execute();
  await db.deleteFrom('idempotency_records').execute();
  await sql`vacuum analyze account_events, idempotency_records`.execute(db);
}

type Side = 'empty' | 'scale';

/** The same load on both services in alternating rounds (which goes first alternates too), each after a warm-up. */
async function alternate(
  setups: Record<Side, BenchSetup>,
  load: (setup: BenchSetup) => (worker: number) => Promise<string | undefined>,
  reset?: (setup: BenchSetup) => Promise<void>,
) {
  const loads = { empty: load(setups.empty), scale: load(setups.scale) };
  const tallies: Record<Side, Tally> = { empty: tally(), scale: tally() };
  const rounds: { empty: number; scale: number }[] = [];
  for (const side of ['empty', 'scale'] as const) {
    await reset?.(setups[side]);
    await saturate(CONCURRENCY, WARM_UP_SECONDS, loads[side]);
  }
  for (let i = 0; i < ROUNDS; i++) {
    const pair = { empty: 0, scale: 0 };
    for (const side of i % 2 === 0 ? (['empty', 'scale'] as const) : (['scale', 'empty'] as const)) {
      await reset?.(setups[side]);
      const before = { count: tallies[side].latencies.length, seconds: tallies[side].seconds };
      await saturate(CONCURRENCY, SECONDS_PER_ROUND, loads[side], tallies[side]);
      pair[side] = round((tallies[side].latencies.length - before.count) / (tallies[side].seconds - before.seconds), 1);
    }
    rounds.push(pair);
  }
  const empty = summarise(tallies.empty);
  const scale = summarise(tallies.scale);
  return { empty, scale, rounds, ratio: round(scale.perSecond / empty.perSecond, 3), p99Ratio: round(scale.p99Ms / empty.p99Ms, 3) };
}

const uptime = () => {
  try {
    return execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    return `load average ${loadAverage()}`;
  }
};

export default async function benchScale() {
  if (!(await postgresAnswers(POSTGRES_SERVER))) throw new Error(`scale needs PostgreSQL at ${POSTGRES_SERVER}`);
  const uptimeAtStart = uptime();
  const seededAt = new Date(Date.now() - 60_000);
  const scratch = await mkdtemp(join(tmpdir(), 'palisade-scale-'));
  const prepared: Partial<Record<Side, Prepared>> = {};
  const setups: Partial<Record<Side, BenchSetup>> = {};
  try {
    prepared.empty = await prepare(false, seededAt, join(scratch, 'empty'));
    prepared.scale = await prepare(true, seededAt, join(scratch, 'scale'));
    for (const side of ['empty', 'scale'] as const) {
      setups[side] = await setUp('PostgreSQL', { accounts: LIST_ACCOUNT, devices: 0, concurrency: CONCURRENCY, databaseUrl: prepared[side]!.url });
      setups[side].seededAt = seededAt;
    }
    const both = setups as Record<Side, BenchSetup>;
    // First, on the freshly analysed rows (the transaction is rolled back, so the load below meets the same data).
    const queries = await hotQueries(both.scale);
    const loadBefore = loadAverage();
    const registrations = await alternate(
      both,
      (setup) => registrationLoad(setup, ACCOUNTS),
      (setup) => resetBenchRegistrations(setup, seededAt),
    );
    const heartbeats = await alternate(both, (setup) => heartbeatLoad(setup, HEARTBEAT_DEVICES, ACCOUNTS));
    const list = { empty: await deviceList(both.empty), scale: await deviceList(both.scale) };
    const loadAfter = loadAverage();
    const ratio = Math.min(registrations.ratio, heartbeats.ratio);
    const meets = {
      throughput: ratio >= TARGETS.throughputRatio,
      p99: registrations.p99Ratio <= TARGETS.p99Ratio && heartbeats.p99Ratio <= TARGETS.p99Ratio,
      deviceList: list.scale.p99Ms <= TARGETS.deviceListP99Ms,
      allIndexed: queries.every((q) => q.usesIndex),
    };
    const seqScans = queries.filter((q) => !q.usesIndex);
    const preloadSeconds = prepared.scale.preloadSeconds!;
    return {
      summary:
        `${PRELOAD_DEVICES.toLocaleString('en')} devices / ${PRELOAD_ACCOUNTS.toLocaleString('en')} accounts preloaded in ${preloadSeconds.total} s; ` +
        `registrations ${registrations.scale.perSecond}/s vs ${registrations.empty.perSecond}/s empty = ${registrations.ratio} (p99 ${registrations.scale.p99Ms} vs ${registrations.empty.p99Ms} ms = ${registrations.p99Ratio}×); ` +
        `heartbeats ${heartbeats.scale.perSecond}/s vs ${heartbeats.empty.perSecond}/s = ${heartbeats.ratio} (p99 ${heartbeats.scale.p99Ms} vs ${heartbeats.empty.p99Ms} ms = ${heartbeats.p99Ratio}×); ` +
        `list of ${list.scale.devices} devices p99 ${list.scale.p99Ms} ms; ` +
        `${seqScans.length ? `seq scans: ${seqScans.map((q) => q.sql.slice(0, 60)).join(' | ')}` : 'every hot statement uses an index'}; load ${loadBefore} → ${loadAfter}`,
      ratio,
      registrationsRatio: registrations.ratio,
      heartbeatsRatio: heartbeats.ratio,
      p99Ratios: { registrations: registrations.p99Ratio, heartbeats: heartbeats.p99Ratio },
      deviceListP99Ms: list.scale.p99Ms,
      preloadSeconds,
      uptime: { start: uptimeAtStart, end: uptime() },
      loadAverage: [loadBefore, loadAfter],
      targets: TARGETS,
      meetsTargets: meets.throughput && meets.p99 && meets.deviceList,
      meets,
      method:
        `two fresh PostgreSQL databases migrated by the service, each with ${LIST_ACCOUNT} bench accounts (${HEARTBEAT_DEVICES} heartbeat devices over ${ACCOUNTS}, ${LIST_DEVICES} on account ${LIST_ACCOUNT}); ` +
        `one also preloaded with ${PRELOAD_DEVICES} devices over ${PRELOAD_ACCOUNTS} accounts (INSERT … SELECT … generate_series, one a table, then VACUUM ANALYZE); ` +
        `a service on each; ${ROUNDS} rounds of ${SECONDS_PER_ROUND} s a side, alternating (and alternating which goes first), ${CONCURRENCY} in flight, after ${WARM_UP_SECONDS} s warm-up each; ` +
        `registrations start every round from the seeded rows; the list: ${LIST_REQUESTS} GET /v1/devices one at a time after 30 unmeasured`,
      registrations,
      heartbeats,
      deviceList: list,
      hotQueries: queries,
    };
  } finally {
    for (const setup of Object.values(setups)) await setup.close().catch((error: unknown) => console.error('scale clean-up:', error));
    for (const db of Object.values(prepared)) await db.drop().catch((error: unknown) => console.error('scale clean-up:', error));
    await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchScale(), null, 2));
}
