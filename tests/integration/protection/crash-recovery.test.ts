import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceListSchema, licencePublicKeyResponseSchema, registerDeviceResponseSchema } from '../../../shared/api/devices';
import { subscriptionListSchema } from '../../../shared/api/subscriptions';
import { createDatabase } from '../../../server/src/db/database';
import { migrateToLatest } from '../../../server/src/db/migrate';
import { createPostgresDatabase, preparePgliteDataDir } from '../../support/database';
import { type SpawnedService, spawnService } from '../../support/service';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp';
import { type Answer, client, expectError } from '../server/http';
import { activate, activeDevicesBySubscription, fakeMachine, mintKeys, register, registerBody, signedInAccount } from './protection-fixture';
import { removeOwnerOnlyDataFolder } from '../data-at-rest/owner-only-data-folder';

let smtp: SmtpCapture;
let dataDir: string;
let databaseUrl: string | undefined;
let dropDatabase = async () => {};
const services: SpawnedService[] = [];

beforeAll(async () => {
  smtp = await startSmtpCapture();
  dataDir = await mkdtemp(join(tmpdir(), 'palisade-crash-'));
  if (process.env.DATABASE_URL) {
    const database = await createPostgresDatabase(process.env.DATABASE_URL);
    databaseUrl = database.url;
    dropDatabase = database.drop;
  } else {
    await preparePgliteDataDir(dataDir);
  }
});
afterAll(async () => {
  for (const service of services) await service.stop();
  await smtp?.stop();
  await dropDatabase();
  await removeOwnerOnlyDataFolder(dataDir, 'service data folder');
});

/** The database of the (stopped) service, opened directly. */
async function withDatabase<T>(work: (db: ReturnType<typeof createDatabase>) => Promise<T>): Promise<T> {
  const db = createDatabase({ dataDir, databaseUrl });
  try {
    await migrateToLatest(db);
    return await work(db);
  } finally {
    await db.destroy();
  }
}

describe('a service killed with SIGKILL in the middle of a registration load', () => {
  it('keeps every seat limit and every transfer whole after a restart', async () => {
    // Keys go in before the service starts: an embedded database has one process at a time.
    const keys = await withDatabase(async (db) => [...(await mintKeys(db, 'family', 3)), ...(await mintKeys(db, 'essentials', 1))]);
    const env = { SMTP_URL: smtp.url, ...(databaseUrl && { DATABASE_URL: databaseUrl }) };

    const first = await spawnService({ dataDir, env });
    services.push(first);
    const api = client(first.url);
    const account = await signedInAccount(api, smtp, 'crash');
    for (const key of keys) await activate(api, account.token, key);
    const olds = [];
    for (let i = 0; i < 4; i++) olds.push((await register(api, account.token, registerBody(fakeMachine(), { name: `Old ${i}` }))).device);
    const keyBefore = licencePublicKeyResponseSchema.parse((await api.get('/v1/licence/public-key')).body);

    // The load: 300 new machines and 12 moves (three onto each old device), all at once.
    let answered = 0;
    const track = (request: Promise<Answer>) =>
      request.then(
        (answer) => {
          answered++;
          return answer;
        },
        (error: unknown) => error as Error,
      );
    const load = [
      ...Array.from({ length: 300 }, () => track(api.post('/v1/devices', registerBody(fakeMachine()), account.token))),
      ...olds.flatMap((old) => Array.from({ length: 3 }, () => track(api.post(`/v1/devices/${old.id}/transfer`, registerBody(fakeMachine()), account.token)))),
    ];
    await expect.poll(() => answered, { timeout: 30_000, interval: 5 }).toBeGreaterThanOrEqual(10);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    const outcomes = await Promise.all(load);
    const answers = outcomes.filter((o): o is Answer => !(o instanceof Error));
    // Killed in the middle: some requests got answers, some never did.
    expect(answers.length).toBeGreaterThanOrEqual(10);
    expect(outcomes.length - answers.length).toBeGreaterThan(0);
    expect(answers.every((a) => [201, 409, 410].includes(a.status)), JSON.stringify(answers.map((a) => a.status))).toBe(true);
    const confirmed = answers.filter((a) => a.status === 201).map((a) => registerDeviceResponseSchema.parse(a.body).device.id);

    const second = await spawnService({ dataDir, env });
    services.push(second);
    const again = client(second.url);
    // The session, the access-token key and the licence key all survived.
    const devices = deviceListSchema.parse((await again.get('/v1/devices', account.token)).body);
    expect(licencePublicKeyResponseSchema.parse((await again.get('/v1/licence/public-key')).body)).toEqual(keyBefore);
    // Every answered registration is there: a 201 means it was committed.
    const active = new Set(devices.filter((d) => d.status === 'active').map((d) => d.id));
    for (const id of confirmed) expect(active.has(id), id).toBe(true);
    const subscriptions = subscriptionListSchema.parse((await again.get('/v1/subscriptions', account.token)).body);
    for (const s of subscriptions) expect(s.seatsUsed, s.plan).toBeLessThanOrEqual(s.seats);

    // The limit still holds exactly: fill what is left, then the next is refused.
    const totalSeats = subscriptions.reduce((n, s) => n + s.seats, 0);
    for (let used = active.size; used < totalSeats; used++) await register(again, account.token, registerBody(fakeMachine()));
    expectError(await again.post('/v1/devices', registerBody(fakeMachine()), account.token), 409, 'SEAT_LIMIT_REACHED');
    await second.stop();

    await withDatabase(async (db) => {
      for (const [id, { seats, active: count }] of await activeDevicesBySubscription(db)) expect(count, id).toBe(seats);
      // No half-done transfer: each device deactivated by a move has its replacement, and back.
      const moved = await db.selectFrom('devices').select('id').where('deactivated_reason', '=', 'transferred').execute();
      const replacements = await db.selectFrom('devices').select(['replaces_device_id', 'status']).where('replaces_device_id', 'is not', null).execute();
      expect(new Set(replacements.map((r) => r.replaces_device_id))).toEqual(new Set(moved.map((m) => m.id)));
      expect(moved.length).toBeLessThanOrEqual(olds.length);
    });
  }, 240_000);
});
