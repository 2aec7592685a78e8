/**
 * What HAProxy costs: requests per second through HAProxy (deploy/haproxy.cfg, as
 * tests/support/cluster.ts runs it in front of three instances on one PostgreSQL database)
 * ÷ the same requests straight to one instance, in the same run (target ≥ 0.9).
 *
 * The request is `GET /v1/subscriptions` of a signed-in account: authentication and one
 * query, a typical read of the app. Three ways, alternating in short rounds so background
 * load hits each alike:
 * - `direct`: straight to instance 1's own port;
 * - `throughHaproxyOneInstance`: through HAProxy with instances 2 and 3 out of rotation, so
 *   the same one process answers and the only difference is the balancer's hop — `ratio`;
 * - `throughHaproxyThreeInstances`: through HAProxy to all three — `threeInstancesRatio`.
 *   On two cores shared with PostgreSQL, HAProxy and this load generator, three instances
 *   have no more CPU than one: this cannot show scaling out (bench/README.md says what would).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { hashPassword } from '../server/src/identity/password-hashing';
import { mintProductKeys } from '../server/src/subscriptions/product-keys';
import { type Cluster, startCluster } from '../tests/support/cluster';
import { userRow } from '../tests/support/rows';
import { httpRequest, KeepAliveConnection } from './support/keep-alive-client';

const TARGET_RATIO = 0.9;
/** Requests in flight, as many apps at once would send. */
const CONCURRENCY = 16;
const ROUNDS = 3;
const SECONDS_PER_ROUND = 3;
const WARM_UP_SECONDS = 2;
const POSTGRES_SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PASSWORD = 'a bench of quiet lighthouses';

type Way = 'direct' | 'throughHaproxyOneInstance' | 'throughHaproxyThreeInstances';
const ways: readonly Way[] = ['direct', 'throughHaproxyOneInstance', 'throughHaproxyThreeInstances'];

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

interface Tally {
  latencies: number[];
  seconds: number;
  failures: number;
}

/** `CONCURRENCY` keep-alive connections to `baseUrl`, each sending one request after another for `seconds`. */
async function saturate(baseUrl: string, token: string, seconds: number, into: Tally): Promise<void> {
  const request = httpRequest('GET', `${baseUrl}/v1/subscriptions`, { token });
  const connections = await Promise.all(Array.from({ length: CONCURRENCY }, () => KeepAliveConnection.open(baseUrl)));
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      connections.map(async (connection) => {
        while (performance.now() < deadline) {
          const sent = performance.now();
          const answer = await connection.send(request);
          into.latencies.push(performance.now() - sent);
          if (answer.status !== 200) into.failures++;
        }
      }),
    );
  } finally {
    for (const connection of connections) connection.close();
  }
  into.seconds += (performance.now() - started) / 1000;
}

/** Puts instances 2 and 3 in or out of HAProxy's rotation; back in only once their checks pass. */
async function rotation(cluster: Cluster, all: boolean): Promise<void> {
  for (const index of [1, 2]) await cluster.haproxy(`${all ? 'enable' : 'disable'} server palisade_instances/palisade${index + 1}`);
  for (const index of [1, 2]) await cluster.waitForState(index, all ? 'UP' : 'MAINT');
}

/** A signed-in account with one subscription, made as a person would (the user row seeded, the rest over HTTP). */
async function signedIn(cluster: Cluster): Promise<string> {
  const now = new Date();
  const user = userRow('bench-balancer', now, { password_hash: await hashPassword(PASSWORD) });
  await cluster.db.insertInto('users').values(user).execute();
  const login = await fetch(`${cluster.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`Sign-in failed: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  const [productKey] = await mintProductKeys(cluster.db, { plan: 'family', termYears: 1, count: 1, now });
  const activated = await fetch(`${cluster.url}/v1/subscriptions/activate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ productKey }),
  });
  if (activated.status !== 201) throw new Error(`Activation failed: ${activated.status} ${await activated.text()}`);
  return accessToken;
}

export default async function benchBalancer() {
  const loadAtStart = round(os.loadavg()[0] ?? NaN);
  // Per-request log lines would cost the instances more than HAProxy does.
  const cluster = await startCluster({ serverUrl: POSTGRES_SERVER, redis: false, env: { LOG_LEVEL: 'warn' } });
  try {
    const token = await signedIn(cluster);
    const baseOf = (way: Way) => (way === 'direct' ? cluster.instanceUrls[0]! : cluster.url);
    const tallies = Object.fromEntries(ways.map((way) => [way, { latencies: [], seconds: 0, failures: 0 } as Tally])) as Record<Way, Tally>;
    const perRound: Record<Way, number[]> = { direct: [], throughHaproxyOneInstance: [], throughHaproxyThreeInstances: [] };

    await saturate(cluster.url, token, WARM_UP_SECONDS, { latencies: [], seconds: 0, failures: 0 });
    await saturate(baseOf('direct'), token, WARM_UP_SECONDS, { latencies: [], seconds: 0, failures: 0 });
    for (let r = 0; r < ROUNDS; r++) {
      for (const way of ways) {
        if (way !== 'direct') await rotation(cluster, way === 'throughHaproxyThreeInstances');
        const before = { count: tallies[way].latencies.length, seconds: tallies[way].seconds };
        await saturate(baseOf(way), token, SECONDS_PER_ROUND, tallies[way]);
        perRound[way].push((tallies[way].latencies.length - before.count) / (tallies[way].seconds - before.seconds));
      }
    }

    const results = Object.fromEntries(
      ways.map((way) => {
        const t = tallies[way];
        const sorted = [...t.latencies].sort((a, b) => a - b);
        return [way, { perSecond: round(t.latencies.length / t.seconds, 1), p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), failures: t.failures, roundsPerSecond: perRound[way].map((n) => round(n, 1)) }];
      }),
    ) as Record<Way, { perSecond: number; p50Ms: number; p99Ms: number; failures: number; roundsPerSecond: number[] }>;
    const ratio = round(results.throughHaproxyOneInstance.perSecond / results.direct.perSecond);
    const threeInstancesRatio = round(results.throughHaproxyThreeInstances.perSecond / results.direct.perSecond);
    const failures = ways.reduce((n, way) => n + results[way].failures, 0);
    return {
      summary: `GET /v1/subscriptions: through HAProxy to one instance ${results.throughHaproxyOneInstance.perSecond}/s ÷ straight ${results.direct.perSecond}/s = ${ratio} (target ≥ ${TARGET_RATIO}); through HAProxy to three ${results.throughHaproxyThreeInstances.perSecond}/s = ${threeInstancesRatio} of one${failures ? `; ${failures} failed requests` : ''}`,
      ratio,
      threeInstancesRatio,
      targetRatio: TARGET_RATIO,
      meetsTarget: ratio >= TARGET_RATIO && failures === 0,
      method: `${ROUNDS} rounds of ${SECONDS_PER_ROUND} s each way, alternating (after ${WARM_UP_SECONDS} s warm-up through HAProxy and straight): GET /v1/subscriptions of one signed-in account with one subscription, ${CONCURRENCY} keep-alive connections each sending one request after another (bench/support/keep-alive-client.ts); HAProxy 2.6 with deploy/haproxy.cfg; instances 2 and 3 put out of rotation ('disable server') for the one-instance rounds; one PostgreSQL database on 127.0.0.1, LOG_LEVEL=warn`,
      note: 'Two cores are shared by the three instances, HAProxy, PostgreSQL and this load generator, so threeInstancesRatio cannot show scaling out; see bench/README.md.',
      loadAverage: [loadAtStart, round(os.loadavg()[0] ?? NaN)],
      results,
    };
  } finally {
    await cluster.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await benchBalancer(), null, 2));
}
