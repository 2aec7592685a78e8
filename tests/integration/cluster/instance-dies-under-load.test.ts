import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { registerDeviceResponseSchema } from '../../../shared/api/devices';
import { useCluster } from '../../support/use-cluster';
import { activate, fakeMachine, mintKeys, registerBody, signedInAccount } from '../protection/protection-fixture';
import { type Answer, client } from '../server/http';

const { enabled, cluster, smtp } = useCluster();

it.runIf(!enabled)('runs on PostgreSQL only (set DATABASE_URL)', () => {});

const CLIENTS = 40;
/** Three family subscriptions: 15 seats for 40 machines, so the limit is met mid-load. */
const SUBSCRIPTIONS = 3;
const SEATS = 15;

/** What is worth a retry with the same key: no answer at all, or the balancer's / a stopping instance's 5xx. */
const worthRetrying = (outcome: Answer | Error) => outcome instanceof Error || [502, 503, 504].includes(outcome.status);

/**
 * A desktop app registering its machine: it retries with the same Idempotency-Key until it
 * gets an answer that is not an outage, and keeps every attempt's outcome.
 */
async function registerUntilAnswered(baseUrl: string, token: string, key: string, machine = fakeMachine()) {
  const api = client(baseUrl);
  const attempts: (number | string)[] = [];
  for (let attempt = 1; attempt <= 40; attempt++) {
    const outcome = await api
      .request('POST', '/v1/devices', { json: registerBody(machine), token, headers: { 'idempotency-key': key } })
      .catch((error: unknown) => error as Error);
    attempts.push(outcome instanceof Error ? outcome.message : outcome.status);
    if (!worthRetrying(outcome)) return { key, machine, answer: outcome as Answer, attempts };
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 100));
  }
  throw new Error(`No answer for ${key} after 40 attempts: ${attempts.join(', ')}`);
}

/** Request ids an instance logged as received but never as answered: what it was doing when it died. */
function cutOffRequests(logs: string): string[] {
  const incoming = new Set<string>();
  for (const line of logs.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { reqId?: string; msg?: string; req?: { url?: string } };
    if (!entry.reqId) continue;
    if (entry.msg === 'incoming request' && entry.req?.url === '/v1/devices') incoming.add(entry.reqId);
    if (entry.msg === 'request completed') incoming.delete(entry.reqId);
  }
  return [...incoming];
}

describe.runIf(enabled)('one of three instances dies under a registration load', () => {
  it('SIGKILL mid-load: every client ends with exactly one result, the seat limit holds and no write is half done', async () => {
    const balancer = client(cluster().url);
    const account = await signedInAccount(balancer, smtp(), 'cluster-kill');
    for (const key of await mintKeys(cluster().db, 'family', SUBSCRIPTIONS)) await activate(balancer, account.token, key);
    const victim = 1;

    const load = Array.from({ length: CLIENTS }, () => registerUntilAnswered(cluster().url, account.token, randomUUID()));
    // Killed while it holds registrations it has received and not answered.
    await expect
      .poll(() => cutOffRequests(cluster().logs(victim)).length, { timeout: 30_000, interval: 2 })
      .toBeGreaterThan(0);
    await cluster().kill(victim);
    const results = await Promise.all(load);
    expect(cutOffRequests(cluster().logs(victim)).length, 'requests the killed instance never answered').toBeGreaterThan(0);

    // Exactly one result each: a device, or the seat limit.
    const statuses = results.map((r) => r.answer.status);
    expect(statuses.every((s) => s === 201 || s === 409), JSON.stringify(results.map((r) => r.attempts))).toBe(true);
    const registered = results
      .filter((r) => r.answer.status === 201)
      .map((r) => ({ key: r.key, machine: r.machine, device: registerDeviceResponseSchema.parse(r.answer.body).device }));
    expect(registered.length).toBe(SEATS);
    expect(new Set(registered.map((r) => r.device.id)).size).toBe(SEATS);
    for (const refused of results.filter((r) => r.answer.status === 409)) {
      expect(refused.answer.body).toMatchObject({ error: { code: 'SEAT_LIMIT_REACHED' } });
    }

    // The database agrees: no more active devices than seats, every device has its key's
    // record and every key one finished record (nothing claimed and left half done).
    const db = cluster().db;
    const user = await db.selectFrom('users').select('id').where('email', '=', account.email).executeTakeFirstOrThrow();
    const devices = await db.selectFrom('devices').select(['id', 'status']).where('user_id', '=', user.id).execute();
    expect(devices.filter((d) => d.status === 'active').length).toBe(SEATS);
    expect(new Set(devices.map((d) => d.id))).toEqual(new Set(registered.map((r) => r.device.id)));
    const records = await db
      .selectFrom('idempotency_records')
      .select(['key', 'status_code', 'response_body'])
      .where('user_id', '=', user.id)
      .where('route', '=', 'POST /v1/devices')
      .execute();
    expect(records.length).toBe(CLIENTS);
    const recordOf = new Map(records.map((r) => [r.key, r]));
    for (const result of results) {
      const record = recordOf.get(result.key);
      expect(record?.status_code, result.key).toBe(result.answer.status);
      if (result.answer.status === 201) {
        const body = (typeof record!.response_body === 'string' ? JSON.parse(record!.response_body) : record!.response_body) as { device: { id: string } };
        expect(body.device.id).toBe(registered.find((r) => r.key === result.key)!.device.id);
      }
    }

    // A client asking again with its key (the answer it got was lost, say) gets the same result from a survivor.
    const again = await registerUntilAnswered(cluster().url, account.token, registered[0]!.key, registered[0]!.machine);
    expect(again.answer.status).toBe(201);
    expect(again.answer.headers.get('idempotent-replayed')).toBe('true');
    expect(registerDeviceResponseSchema.parse(again.answer.body).device.id).toBe(registered[0]!.device.id);

    await cluster().restart(victim);
    await cluster().waitForState(victim, 'UP');
  }, 120_000);

  it('SIGTERM: the instance drains (its health 503, its requests still served) and no client sees an error', async () => {
    const balancer = client(cluster().url);
    const account = await signedInAccount(balancer, smtp(), 'cluster-drain');
    const victim = 2;
    const own = client(cluster().instanceUrls[victim]!);

    const failures: string[] = [];
    let served = 0;
    let running = true;
    // Ten clients reading their subscriptions through the balancer the whole time.
    const readers = Array.from({ length: 10 }, async () => {
      while (running) {
        const answer = await balancer.get('/v1/subscriptions', account.token).catch((error: unknown) => error as Error);
        if (answer instanceof Error || answer.status !== 200) failures.push(answer instanceof Error ? answer.message : String(answer.status));
        else served++;
      }
    });
    await expect.poll(() => served, { timeout: 10_000 }).toBeGreaterThan(20);

    const stopping = cluster().stop(victim);
    // At once: health says 503 so HAProxy takes it out, while it still serves requests.
    await expect.poll(async () => (await own.get('/v1/health')).status, { timeout: 1_000, interval: 20 }).toBe(503);
    expect((await own.get('/v1/subscriptions', account.token)).status).toBe(200);
    await cluster().waitForState(victim, 'DOWN', 5_000);
    expect(cluster().running(victim), 'still draining when the balancer took it out').toBe(true);
    await stopping;
    const servedAfterStop = served;
    await expect.poll(() => served, { timeout: 10_000 }).toBeGreaterThan(servedAfterStop + 20);
    running = false;
    await Promise.all(readers);
    expect(failures).toEqual([]);

    await cluster().restart(victim);
    await cluster().waitForState(victim, 'UP');
  }, 120_000);
});
