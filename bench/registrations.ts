/**
 * Device registrations per second of the service ÷ the database's own rate for the same
 * statements, same run (target ≥ 0.5 on each database).
 *
 * A registration is what the desktop app sends: `POST /v1/devices` with an access token
 * and an `Idempotency-Key`, a machine never seen before. The statements it costs the
 * database are captured from the service's own code (the session check of
 * `app.authenticate`, then `idempotentWrite` around `registerDevice`, as the route calls
 * them) and replayed with fresh values: on PostgreSQL as a `pgbench -f` script with as many
 * connections as the service's pool, on PGlite in process through the service's own
 * prepared-statement driver. Rounds alternate, and every round starts from the same rows.
 */
import { createHash, randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { RegisterDeviceBody } from '../shared/api/devices';
import { idempotentWrite } from '../server/src/idempotency/idempotent-write';
import { registerDevice } from '../server/src/devices/registration';
import { sessionIsLive } from '../server/src/http/authenticate';
import { accountId, benchSessionIdOf, pgbenchIds, subscriptionIdOf, resetRegistrations, vacuum } from './support/bench-accounts';
import { httpRequest } from './support/keep-alive-client';
import { loadAverage, POSTGRES_SERVER, postgresAnswers, saturate, summarise, tally } from './support/load';
import { compare, SERVICE_POOL_SIZE, setUp, type BenchSetup, type DatabaseKind } from './support/service-bench';
import { pgbenchScript, replay, runPgbench, type Roles, type Step } from './support/statements';

const TARGET_RATIO = 0.5;
/** Requests in flight, as many clients at once would send. */
const CONCURRENCY = 16;
/** Accounts taken in turn; a round adds a few devices to each, as families have. */
const ACCOUNTS = 300;
const ROUNDS = 3;
const SECONDS_PER_ROUND = 3;
/** Long enough for V8 to have optimised the hot code (PGlite's WebAssembly above all). */
const WARM_UP_SECONDS = 4;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A machine never seen before: five component hashes of its own. */
export function newMachine(): RegisterDeviceBody {
  const components = Array.from({ length: 5 }, () => sha256(randomUUID()));
  return { fingerprint: sha256(components.join('')), components, name: 'Bench machine', os: 'Windows 11 Pro 23H2', platform: 'windows', appVersion: '1.0.0' };
}

/** The statements of one registration, as the service's code sends them, and the values that play each role. */
export async function captureRegistration(setup: BenchSetup): Promise<{ steps: Step[]; roles: Roles }> {
  const { db } = setup.baseline;
  const claims = { userId: accountId(1), sessionId: benchSessionIdOf(1) };
  const key = randomUUID();
  const now = new Date();
  const body = newMachine();
  let deviceId = '';
  const steps = await setup.baseline.record(
    () => sessionIsLive(db, claims),
    async () => {
      const result = await idempotentWrite(db, { userId: claims.userId, key, route: 'POST /v1/devices', payload: body, now }, (trx) =>
        registerDevice(trx, body, { userId: claims.userId, now, leases: setup.leases, keys: setup.keys }),
      );
      if (result.statusCode !== 201) throw new Error(`the captured registration answered ${result.statusCode}`);
      deviceId = (result.body as { device: { id: string } }).device.id;
    },
  );
  return { steps, roles: { ...claims, deviceId, subscriptionId: subscriptionIdOf(1), idempotencyKey: key, now } };
}

/** The service's side: one registration over a keep-alive connection; an error label unless 201. */
export function registrationLoad(setup: BenchSetup, accounts: number, firstAccount = 1) {
  let next = 0;
  return async (worker: number) => {
    const token = setup.tokens[firstAccount - 1 + (next++ % accounts)]!;
    const request = httpRequest('POST', `${setup.service.url}/v1/devices`, { body: newMachine(), token, headers: { 'Idempotency-Key': randomUUID() } });
    const answer = await setup.connections[worker]!.send(request);
    if (answer.status === 201) return undefined;
    return String((JSON.parse(answer.body.toString('utf8')) as { error?: { code?: string } }).error?.code ?? answer.status);
  };
}

/** The database's side: the captured statements with fresh values, pgbench on PostgreSQL, in process on PGlite. */
export async function registrationBaseline(setup: BenchSetup, accounts: number, firstAccount = 1) {
  const { steps, roles } = await captureRegistration(setup);
  if (setup.kind === 'PostgreSQL') {
    const script = await pgbenchScript(setup.databaseUrl!, steps, roles, {
      variables: [
        `\\set account random(${firstAccount}, ${firstAccount + accounts - 1})`,
        '\\set device random(1, 140737488355327)',
        '\\set key random(1, 9000000000000000000)',
      ],
      userId: pgbenchIds.account('account'),
      sessionId: pgbenchIds.session('account'),
      deviceId: pgbenchIds.device('device'),
      subscriptionId: pgbenchIds.subscription('account'),
      idempotencyKey: pgbenchIds.idempotencyKey('key'),
    });
    const run = async (seconds: number) => {
      const result = await runPgbench(setup.databaseUrl!, script, { clients: SERVICE_POOL_SIZE, seconds, dir: setup.scratch });
      if (result.failed > 0) throw new Error(`pgbench: ${result.failed} transactions failed`);
      return { perSecond: result.transactionsPerSecond, detail: result };
    };
    return { run, statements: script };
  }
  let n = 0;
  const run = async (seconds: number) => {
    const t = tally();
    await saturate(
      CONCURRENCY,
      seconds,
      async () => {
        const account = firstAccount + (n++ % accounts);
        await replay(setup.baseline.db, steps, roles, {
          userId: accountId(account),
          sessionId: benchSessionIdOf(account),
          deviceId: randomUUID(),
          subscriptionId: subscriptionIdOf(account),
          idempotencyKey: randomUUID(),
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
  const setup = await setUp(kind, { accounts: ACCOUNTS, devices: 0, concurrency: CONCURRENCY });
  try {
    const baseline = await registrationBaseline(setup, ACCOUNTS);
    const load = loadAverage();
    const comparison = await compare({
      setup,
      rounds: ROUNDS,
      secondsPerRound: SECONDS_PER_ROUND,
      warmUpSeconds: WARM_UP_SECONDS,
      concurrency: CONCURRENCY,
      service: registrationLoad(setup, ACCOUNTS),
      database: baseline.run,
      // The service's PGlite is its own: only the twin can start each round afresh.
      reset: async () => {
        await resetRegistrations(setup.baseline.db, setup.seededAt);
        await vacuum(setup.baseline.db);
      },
    });
    return { database: kind, concurrency: CONCURRENCY, accounts: ACCOUNTS, loadAverage: [load, loadAverage()], ...comparison, statements: baseline.statements };
  } finally {
    await setup.close();
  }
}

export default async function benchRegistrations() {
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
    method: `${ROUNDS} alternating rounds of ${SECONDS_PER_ROUND} s: the database's own rate for the captured statements (pgbench -M prepared -c ${SERVICE_POOL_SIZE} on PostgreSQL; in process on PGlite, ${CONCURRENCY} loops), then POST /v1/devices with an Idempotency-Key (each a new machine, ${ACCOUNTS} accounts), ${CONCURRENCY} in flight; every round starts from the seeded rows; after ${WARM_UP_SECONDS} s warm-up of each`,
    loadAverageAtStart: uptime,
    results,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchRegistrations(), null, 2));
}
