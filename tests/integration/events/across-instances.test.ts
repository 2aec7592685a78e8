import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPostgresDatabase } from '../../support/database';
import { type SpawnedService, spawnService } from '../../support/service';
import { type SmtpCapture, startSmtpCapture } from '../../support/smtp';
import { removeOwnerOnlyDataFolder } from '../data-at-rest/owner-only-data-folder';
import { client, confirmedAccount, expectTokens, GOOD_PASSWORD } from '../server/http';
import { ofType, openStream } from './event-stream-client';

const serverUrl = process.env.DATABASE_URL;

// Two instances need a database they can share: PostgreSQL only (the embedded one is one process's).
it.runIf(!serverUrl)('runs on PostgreSQL only (set DATABASE_URL)', () => {});

let smtp: SmtpCapture;
let database: { url: string; drop(): Promise<void> };
let dataDir: string;
let one: SpawnedService;
let other: SpawnedService;

beforeAll(async () => {
  if (!serverUrl) return;
  smtp = await startSmtpCapture();
  database = await createPostgresDatabase(serverUrl);
  // One folder for both: the signing keys are shared, as KEYS_DIR is in a deployment.
  dataDir = await mkdtemp(join(tmpdir(), 'palisade-service-'));
  const env = { DATABASE_URL: database.url, SMTP_URL: smtp.url };
  one = await spawnService({ dataDir, env });
  other = await spawnService({ dataDir, env });
}, 120_000);

afterAll(async () => {
  if (!serverUrl) return;
  await one?.stop();
  await other?.stop();
  await database?.drop();
  await smtp?.stop();
  await removeOwnerOnlyDataFolder(dataDir);
}, 60_000);

it.runIf(serverUrl)('a change made through one instance reaches a stream held on the other within a second', async () => {
  const viaOne = client(one.url);
  const account = await confirmedAccount(viaOne, smtp, 'events-instances');
  const laptop = expectTokens(await viaOne.post('/v1/auth/login', { email: account.email, password: GOOD_PASSWORD, deviceName: 'Laptop' }));
  const desk = expectTokens(await viaOne.post('/v1/auth/login', { email: account.email, password: GOOD_PASSWORD, deviceName: 'Desk PC' }));

  const stream = await openStream(other.url, laptop.accessToken);
  try {
    const ready = await stream.next(ofType('ready'), 3000);
    const sessions = (await viaOne.get('/v1/account/sessions', desk.accessToken)).body as { id: string; current: boolean }[];
    const laptopSession = sessions.find((s) => !s.current)!;
    const started = Date.now();
    expect((await viaOne.request('DELETE', `/v1/account/sessions/${laptopSession.id}`, { token: desk.accessToken })).status).toBe(204);
    const revoked = await stream.next(ofType('session.revoked'), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(revoked.data).toMatchObject({ sessionId: laptopSession.id, reason: 'ended_elsewhere', byDeviceName: 'Desk PC' });
    await stream.ended;

    // The other instance replays it too: the events are in the shared database.
    const deskStream = await openStream(other.url, desk.accessToken, ready.id);
    try {
      expect((await deskStream.next()).event).toBe('session.revoked');
      expect(await deskStream.next()).toMatchObject({ event: 'ready', data: { replayed: 1 } });
    } finally {
      deskStream.close();
    }
  } finally {
    stream.close();
  }
}, 60_000);
