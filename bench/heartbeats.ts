/**
 * Device heartbeats per second of the service ÷ the database's own rate for the same
 * statements, same run (target ≥ 0.5 on each database).
 *
 * A heartbeat is `POST /v1/devices/:id/heartbeat` from a registered machine with its
 * components; it answers a fresh lease. Its statements are captured from the service's own
 * code (the session check, then `heartbeat` in a transaction, as the route calls them)
 * and replayed with fresh values, as in registrations.ts. The service beats devices
 * 1…DEVICES; pgbench beats a second set of as many (its random components would no longer
 * match the machines the service's side sends).
 */
import { pathToFileURL } from 'node:url';
import { heartbeat } from '../server/src/devices/heartbeat';
import { sessionIsLive } from '../server/src/http/authenticate';
import { accountId, benchSessionIdOf, deviceIdOf, machineOf, pgbenchIds, subscriptionIdOf } from './support/bench-accounts';
import { httpRequest } from './support/keep-alive-client';
import { loadAverage, POSTGRES_SERVER, postgresAnswers, saturate, summarise, tally } from './support/load';
import { compare, SERVICE_POOL_SIZE, setUp, type BenchSetup, type DatabaseKind } from './support/service-bench';
import { pgbenchScript, replay, runPgbench, type Roles, type Step } from './support/statements';

const TARGET_RATIO = 0.5;
const CONCURRENCY = 16;
const ACCOUNTS = 300;
/** Devices the service's side beats (ten an account); the database's side beats as many more. */
const DEVICES = 3000;
const ROUNDS = 3;
const SECONDS_PER_ROUND = 3;
const WARM_UP_SECONDS = 4;

const accountOfDevice = (n: number, accounts: number) => ((n - 1) % accounts) + 1;

/** The statements of one heartbeat of device 1, as the service's code sends them. */
export async function captureHeartbeat(setup: BenchSetup): Promise<{ steps: Step[]; roles: Roles }> {
  const { db } = setup.baseline;
  const claims = { userId: accountId(1), sessionId: benchSessionIdOf(1) };
  const now = new Date();
  const machine = machineOf(1);
  const steps = await setup.baseline.record(
    () => sessionIsLive(db, claims),
    () =>
      db.transaction().execute((trx) =>
        heartbeat(trx, { userId: claims.userId, id: deviceIdOf(1), ...machine, now, leases: setup.leases, keys: setup.keys }),
      ),
  );
  return { steps, roles: { ...claims, deviceId: deviceIdOf(1), subscriptionId: subscriptionIdOf(1), now } };
}

/** The service's side: devices 1…devices in turn, each from its own machine; an error label unless 200. */
export function heartbeatLoad(setup: BenchSetup, devices: number, accounts: number) {
  let next = 0;
  return async (worker: number) => {
    const n = (next++ % devices) + 1;
    const { fingerprint, components } = machineOf(n);
    const token = setup.tokens[accountOfDevice(n, accounts) - 1]!;
    const request = httpRequest('POST', `${setup.service.url}/v1/devices/${deviceIdOf(n)}/heartbeat`, { body: { fingerprint, components }, token });
    const answer = await setup.connections[worker]!.send(request);
    if (answer.status === 200) return undefined;
    return String((JSON.parse(answer.body.toString('utf8')) as { error?: { code?: string } }).error?.code ?? answer.status);
  };
}

/** The database's side, on devices devices+1…2·devices (seeded beside the service's). */
export async function heartbeatBaseline(setup: BenchSetup, devices: number, accounts: number) {
  const { steps, roles } = await captureHeartbeat(setup);
  if (setup.kind === 'PostgreSQL') {
    const script = await pgbenchScript(setup.databaseUrl!, steps, roles, {
      variables: [`\\set device random(${devices + 1}, ${2 * devices})`, `\\set account ((:device - 1) % ${accounts}) + 1`],
      userId: pgbenchIds.account('account'),
      sessionId: pgbenchIds.session('account'),
      deviceId: pgbenchIds.device('device'),
      subscriptionId: pgbenchIds.subscription('account'),
      idempotencyKey: 'null',
    });
    const run = async (seconds: number) => {
      const result = await runPgbench(setup.databaseUrl!, script, { clients: SERVICE_POOL_SIZE, seconds, dir: setup.scratch });
      if (result.failed > 0) throw new Error(`pgbench: ${result.failed} transactions failed`);
      return { perSecond: result.transactionsPerSecond, detail: result };
    };
    return { run, statements: script };
  }
  let next = 0;
  const run = async (seconds: number) => {
    const t = tally();
    await saturate(
      CONCURRENCY,
      seconds,
      async () => {
        const n = devices + 1 + (next++ % devices);
        const account = accountOfDevice(n, accounts);
        await replay(setup.baseline.db, steps, roles, {
          userId: accountId(account),
          sessionId: benchSessionIdOf(account),
          deviceId: deviceIdOf(n),
          subscriptionId: subscriptionIdOf(account),
        });
        return undefined;
      },
      t,
    );
    const summary = summarise(t);
    return { perSecond: summary.perSecond, detail: summary };
  };
  return { run, statements: steps.map((s) => (typeof s === 'string' ? s : s.sql)).join(';\n') };
}

async function measure(kind: DatabaseKind) {
  const setup = await setUp(kind, { accounts: ACCOUNTS, devices: 2 * DEVICES, concurrency: CONCURRENCY });
  try {
    const baseline = await heartbeatBaseline(setup, DEVICES, ACCOUNTS);
    const load = loadAverage();
    const comparison = await compare({
      setup,
      rounds: ROUNDS,
      secondsPerRound: SECONDS_PER_ROUND,
      warmUpSeconds: WARM_UP_SECONDS,
      concurrency: CONCURRENCY,
      service: heartbeatLoad(setup, DEVICES, ACCOUNTS),
      database: baseline.run,
    });
    return { database: kind, concurrency: CONCURRENCY, accounts: ACCOUNTS, devices: DEVICES, loadAverage: [load, loadAverage()], ...comparison, statements: baseline.statements };
  } finally {
    await setup.close();
  }
}

export default async function benchHeartbeats() {
  const uptime = loadAverage();
  const only = process.env.BENCH_DATABASE;
  const pglite = only === 'PostgreSQL' ? undefined : await measure('PGlite');
  const postgresUp = only !== 'PGlite' && (await postgresAnswers(POSTGRES_SERVER));
  const postgres = postgresUp ? await measure('PostgreSQL') : undefined;
  const results = [...(pglite ? [pglite] : []), ...(postgres ? [postgres] : [])];
  const describe = (r: (typeof results)[number]) =>
    `${r.database}: ${r.service.perSecond}/s (p99 ${r.service.p99Ms} ms, ${r.service.cpuMsPerRequest} ms service CPU each) ÷ ${r.database === 'PGlite' ? 'same statements in process' : 'pgbench'} ${r.databaseOwn.perSecond}/s = ${r.ratio} (rounds ${r.ratioSpread.join('–')})`;
  return {
    summary: `${results.map(describe).join('; ')} (target ≥ ${TARGET_RATIO})${postgres || only === 'PGlite' ? '' : '; PostgreSQL skipped: no server on 127.0.0.1:5432'}`,
    pgliteRatio: pglite?.ratio ?? null,
    postgresRatio: postgres?.ratio ?? null,
    targetRatio: TARGET_RATIO,
    meetsTarget: results.every((r) => r.ratio >= TARGET_RATIO),
    method: `${ROUNDS} alternating rounds of ${SECONDS_PER_ROUND} s: the database's own rate for the captured statements (pgbench -M prepared -c ${SERVICE_POOL_SIZE} on PostgreSQL; in process on PGlite, ${CONCURRENCY} loops), then POST /v1/devices/:id/heartbeat (${DEVICES} devices over ${ACCOUNTS} accounts, in turn), ${CONCURRENCY} in flight; after ${WARM_UP_SECONDS} s warm-up of each`,
    loadAverageAtStart: uptime,
    results,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchHeartbeats(), null, 2));
}
