import { afterAll, beforeAll, expect, it } from 'vitest';
import { type PrivatePostgres, startPrivatePostgres } from '../../support/private-postgres';
import { type InProcessService, startService } from '../../support/service';
import { type SmtpCapture, startSmtpCapture } from '../../support/smtp';
import { ofType, type OpenStream, openStream } from '../events/event-stream-client';
import { type Answer, client, confirmedAccount, expectError, expectTokens, GOOD_PASSWORD } from '../server/http';

// A PostgreSQL cluster of the test's own, stopped and started again under a running service:
// the PostgreSQL pass only.
const enabled = Boolean(process.env.DATABASE_URL);
it.runIf(!enabled)('runs in the PostgreSQL pass only (set DATABASE_URL)', () => {});

/** "A few seconds": what a request may take while the database is away. */
const MOST_MS = 5_000;

let postgres: PrivatePostgres | undefined;
let smtp: SmtpCapture | undefined;
let service: InProcessService | undefined;
let stream: OpenStream | undefined;

beforeAll(async () => {
  if (!enabled) return;
  postgres = await startPrivatePostgres();
  smtp = await startSmtpCapture();
  service = await startService({ env: { DATABASE_URL: postgres.url, SMTP_URL: smtp.url } });
});

afterAll(async () => {
  stream?.close();
  // The service's database is dropped on the private cluster, so that must be up for it.
  await postgres?.start().catch(() => {});
  await service?.stop();
  await smtp?.stop();
  await postgres?.remove();
});

async function timed(request: () => Promise<Answer>): Promise<Answer> {
  const started = Date.now();
  const answer = await request();
  expect(Date.now() - started, 'a request while the database is away').toBeLessThan(MOST_MS);
  return answer;
}

it.runIf(enabled)('answers 503 UNAVAILABLE in the envelope while PostgreSQL is away, and recovers without a restart', async () => {
  const api = client(service!.url);
  const account = await confirmedAccount(api, smtp!, 'postgres-restart');
  const login = () => api.post('/v1/auth/login', { email: account.email, password: GOOD_PASSWORD, deviceName: 'Desk PC' });
  const laptop = expectTokens(await api.post('/v1/auth/login', { email: account.email, password: GOOD_PASSWORD, deviceName: 'Laptop' }));
  const desk = expectTokens(await login());
  stream = await openStream(service!.url, laptop.accessToken);
  await stream.next(ofType('ready'), 3_000);

  await postgres!.stop();
  for (let round = 0; round < 2; round++) {
    const health = await timed(() => api.get('/v1/health'));
    expectError(health, 503, 'INTERNAL');
    const sessions = await timed(() => api.get('/v1/account/sessions', desk.accessToken));
    const details = expectError(sessions, 503, 'INTERNAL');
    expect(details).toBeUndefined();
    expect((sessions.body as { error: { message: string } }).error.message).toMatch(/try again in a moment/i);
    expectError(await timed(login), 503, 'INTERNAL');
  }
  // Never a 500: nothing was logged as our own failure.
  expect(service!.logs()).not.toContain('"msg":"request failed"');

  await postgres!.start();
  await expect.poll(async () => (await api.get('/v1/health')).status, { timeout: 10_000, interval: 200 }).toBe(200);
  const sessions = await api.get('/v1/account/sessions', desk.accessToken);
  expect(sessions.status).toBe(200);
  expectTokens(await login());

  // The stream held through the outage hears changes again (its instance listens anew).
  const laptopSession = (sessions.body as { id: string; current: boolean; deviceName: string | null }[]).find((s) => s.deviceName === 'Laptop')!;
  expect((await api.request('DELETE', `/v1/account/sessions/${laptopSession.id}`, { token: desk.accessToken })).status).toBe(204);
  const revoked = await stream.next(ofType('session.revoked'), 20_000);
  expect(revoked.data).toMatchObject({ sessionId: laptopSession.id, reason: 'ended_elsewhere' });
  // And a new stream opens as before.
  const again = await openStream(service!.url, desk.accessToken);
  try {
    await again.next(ofType('ready'), 3_000);
  } finally {
    again.close();
  }
});
