import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, type Db } from '../../../server/src/db/database';
import { migrateToLatest } from '../../../server/src/db/migrate';
import { queueMail } from '../../../server/src/mail/outbox';
import { createPostgresDatabase } from '../../support/database';
import { npmRunServer } from '../../support/service-data-dir';
import { startSmtpCapture } from '../../support/smtp';
import { removeOwnerOnlyDataFolder } from '../data-at-rest/owner-only-data-folder';

const postgresUrl = process.env.DATABASE_URL;
const HOUR = 3_600_000;

describe('jobs run', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  });
  const folder = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'palisade-jobs-'));
    cleanups.push(() => removeOwnerOnlyDataFolder(dir, 'service data folder'));
    return dir;
  };

  /** A user with idempotency records 25 h and 23 h old as of `now`: what expires is the older. */
  async function recordsAround(db: Db, now: Date): Promise<void> {
    const id = '11111111-1111-4111-8111-111111111111';
    await db
      .insertInto('users')
      .values({ id, email: 'jobs@example.test', name: 'J', password_hash: 'x', email_confirmed_at: now, locked_until: null, last_failed_login_at: null, password_changed_at: now, created_at: now, updated_at: now })
      .execute();
    const record = (key: string, hoursAgo: number) => ({ user_id: id, key, route: 'test', request_hash: 'h', status_code: 200, response_body: null, created_at: new Date(now.getTime() - hoursAgo * HOUR) });
    await db.insertInto('idempotency_records').values([record('old', 25), record('young', 23)]).execute();
  }

  it.skipIf(!postgresUrl)('does each piece of work once when three run at the same moment (PostgreSQL)', async () => {
    const database = await createPostgresDatabase(postgresUrl!);
    cleanups.push(() => database.drop());
    const smtp = await startSmtpCapture();
    cleanups.push(() => smtp.stop());
    const now = new Date();
    const db = createDatabase({ dataDir: await folder(), databaseUrl: database.url });
    cleanups.push(() => db.destroy());
    await migrateToLatest(db);
    await recordsAround(db, now);
    const queued = new Set<string>();
    for (let i = 0; i < 12; i++) queued.add(await queueMail(db, { to: `queued-${i}@example.test`, subject: 'Job test', text: 'T', html: '<p>T</p>' }, now));

    const env = { DATABASE_URL: database.url, SMTP_URL: smtp.url };
    const dirs = await Promise.all([0, 1, 2].map(folder));
    const outputs = (await Promise.all(dirs.map((dir) => npmRunServer({ ...env, DATA_DIR: dir }, 'jobs', 'run', '--now', now.toISOString())))).map((r) => r.stdout);
    const lines = outputs.flatMap((out) => out.split('\n')).filter(Boolean);

    // The clean-up ran in exactly one of them, and removed the one record that had expired.
    expect(lines.filter((line) => line.startsWith('expired-records:'))).toEqual(['expired-records: removed 1 idempotency_records']);
    expect((await db.selectFrom('idempotency_records').select('key').execute()).map((r) => r.key)).toEqual(['young']);
    // Every message went once, whichever of them sent it.
    const sentLines = lines.filter((line) => line.startsWith('mail-delivery: sent '));
    expect(new Set(sentLines.map((line) => line.slice('mail-delivery: sent '.length)))).toEqual(queued);
    expect(sentLines).toHaveLength(queued.size);
    expect(smtp.messages()).toHaveLength(queued.size);
    expect(new Set(smtp.messages().map((m) => m.messageId))).toEqual(queued);
    // Nothing is due again at the same moment.
    expect((await npmRunServer({ ...env, DATA_DIR: dirs[0]! }, 'jobs', 'run', '--now', now.toISOString())).stdout.trim()).toBe('Nothing was due.');
  }, 120_000);

  it('removes what has expired at the --now it is given, and no more', async () => {
    const dataDir = await folder();
    const now = new Date();
    let databaseUrl: string | undefined;
    if (postgresUrl) {
      const database = await createPostgresDatabase(postgresUrl);
      cleanups.push(() => database.drop());
      databaseUrl = database.url;
    }
    // The embedded database is this test's only while it sets up: the command opens it after.
    const setup = createDatabase({ dataDir, databaseUrl });
    await migrateToLatest(setup);
    await recordsAround(setup, now);
    await setup.destroy();
    const env = { DATA_DIR: dataDir, ...(databaseUrl && { DATABASE_URL: databaseUrl }) };

    const first = (await npmRunServer(env, 'jobs', 'run', '--now', now.toISOString())).stdout;
    expect(first).toContain('expired-records: removed 1 idempotency_records');
    if (!databaseUrl) expect(first).toMatch(/^embedded-maintenance: analysed /m);
    // Two hours on, the younger record has expired too (and the clean-up is due again).
    const later = (await npmRunServer(env, 'jobs', 'run', '--now', new Date(now.getTime() + 2 * HOUR).toISOString())).stdout;
    expect(later).toContain('expired-records: removed 1 idempotency_records');

    const check = createDatabase({ dataDir, databaseUrl });
    try {
      expect(await check.selectFrom('idempotency_records').select('key').execute()).toEqual([]);
      expect(await check.selectFrom('users').select('email').execute()).toEqual([{ email: 'jobs@example.test' }]);
    } finally {
      await check.destroy();
    }
  }, 120_000);

  it('refuses a malformed --now and unknown subcommands', async () => {
    const dataDir = await folder();
    await expect(npmRunServer({ DATA_DIR: dataDir }, 'jobs', 'run', '--now', 'tomorrow')).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--now is a date and time') });
    await expect(npmRunServer({ DATA_DIR: dataDir }, 'jobs', 'walk')).rejects.toMatchObject({ code: 2 });
  });
});
