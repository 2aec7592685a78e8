import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PrivateRedis, startPrivateRedis } from '../../support/private-redis';
import { type InProcessService, startService } from '../../support/service';
import { client, expectError } from '../server/http';

// A Redis of the test's own, killed and started again: run in the PostgreSQL pass, where the
// many-instance setup it belongs to is tested.
const enabled = Boolean(process.env.DATABASE_URL);
it.runIf(!enabled)('runs in the PostgreSQL pass only (set DATABASE_URL)', () => {});

const LIMIT = 3;
const WARNING = 'Redis is not answering';
const BACK = 'Redis answers again';

let redis: PrivateRedis | undefined;
let one: InProcessService | undefined;
let other: InProcessService | undefined;

beforeAll(async () => {
  if (!enabled) return;
  redis = await startPrivateRedis();
  const env = { REDIS_URL: redis.url, AUTH_RATE_LIMIT: String(LIMIT) };
  one = await startService({ env });
  other = await startService({ env });
});

afterAll(async () => {
  await one?.stop();
  await other?.stop();
  await redis?.remove();
});

/** One rate-limited request (an empty body: refused 400 when allowed, 429 when limited), timed. */
async function attempt(service: InProcessService, path = '/v1/auth/password/forgot'): Promise<number> {
  const started = Date.now();
  const answer = await client(service.url).post(path, {});
  // A dead Redis must never hold a request.
  expect(Date.now() - started).toBeLessThan(2_000);
  if (answer.status === 429) expectError(answer, 429, 'RATE_LIMITED');
  else expectError(answer, 400, 'VALIDATION_FAILED');
  return answer.status;
}

const lines = (service: InProcessService, text: string) => service.logs().split('\n').filter((line) => line.includes(text)).length;

it.runIf(enabled)('shares limits through Redis, counts per process while it is down, and shares again once it is back', async () => {
  // Shared: the limit's worth on one instance uses up the other's too.
  for (let i = 0; i < LIMIT; i++) expect(await attempt(one!)).toBe(400);
  expect(await attempt(other!)).toBe(429);

  await redis!.stop();
  // Both keep answering, each counting on its own from nothing.
  for (let i = 0; i < LIMIT; i++) expect(await attempt(one!)).toBe(400);
  expect(await attempt(one!)).toBe(429);
  expect(await attempt(other!)).toBe(400);
  for (let i = 0; i < 5; i++) await attempt(other!);
  // One warning each for the whole outage, not one a request.
  await expect.poll(() => lines(one!, WARNING)).toBe(1);
  await expect.poll(() => lines(other!, WARNING)).toBe(1);
  expect(lines(one!, BACK) + lines(other!, BACK)).toBe(0);

  // Started again (empty: it saves nothing): both reconnect by themselves and share again.
  await redis!.start();
  await expect.poll(() => lines(one!, BACK), { timeout: 10_000 }).toBe(1);
  await expect.poll(() => lines(other!, BACK), { timeout: 10_000 }).toBe(1);
  for (let i = 0; i < LIMIT; i++) expect(await attempt(other!)).toBe(400);
  expect(await attempt(one!)).toBe(429);
  expect(lines(one!, WARNING) + lines(other!, WARNING)).toBe(2);
});

it.runIf(enabled)('a Redis that hangs (connections open, no answers) holds no request, and is used again once it answers', async () => {
  // Another route than above: its counters start from nothing, in Redis and in each process.
  const resend = '/v1/auth/confirm/resend';
  redis!.freeze();
  try {
    // The first waits out the command timeout at most; the rest do not wait at all.
    for (let i = 0; i < 4; i++) expect([400, 429]).toContain(await attempt(one!));
    await expect.poll(() => lines(one!, WARNING)).toBe(2);
  } finally {
    redis!.thaw();
  }
  await expect.poll(() => lines(one!, BACK), { timeout: 10_000 }).toBe(2);
  for (let i = 0; i < LIMIT; i++) expect(await attempt(other!, resend)).toBe(400);
  expect(await attempt(one!, resend)).toBe(429);
});
