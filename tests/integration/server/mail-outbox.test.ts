import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/src/app';
import { loadConfig } from '../../../server/src/config';
import { createDatabase } from '../../../server/src/db/database';
import { migrateToLatest } from '../../../server/src/db/migrate';
import { deleteExpiredRecords } from '../../../server/src/jobs/expired-records';
import { queueMail } from '../../../server/src/mail/outbox';
import { removeOwnerOnlyDataFolder } from '../data-at-rest/owner-only-data-folder';
import { createPostgresDatabase } from '../../support/database';
import { type InProcessService, startService } from '../../support/service';
import { type SmtpCapture, startSmtpCapture } from '../../support/smtp';

const message = (to: string) => ({ to, subject: 'Outbox test', text: 'Hello', html: '<p>Hello</p>' });

describe('the mail outbox', () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  });
  async function serviceWithSmtp(): Promise<{ service: InProcessService; smtp: SmtpCapture }> {
    const smtp = await startSmtpCapture();
    cleanups.push(() => smtp.stop());
    const service = await startService({ env: { SMTP_URL: smtp.url } });
    cleanups.push(() => service.stop());
    return { service, smtp };
  }

  it('sends nothing for a rolled-back transaction, and once for a committed one', async () => {
    const { service, smtp } = await serviceWithSmtp();
    const { db } = service.services;
    await expect(
      db.transaction().execute(async (trx) => {
        await queueMail(trx, message('rolled-back@example.test'), service.services.now());
        throw new Error('the change is refused after its mail was queued');
      }),
    ).rejects.toThrow('refused');
    await queueMail(db, message('committed@example.test'), service.services.now());
    const mail = await smtp.waitForMessage('committed@example.test');
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@outbox\.palisade>$/);
    await service.services.mail.deliverDue(service.services.now());
    expect(smtp.messages().map((m) => m.to)).toEqual(['committed@example.test']);
    expect(await db.selectFrom('mail_outbox').select(['recipient', 'state', 'text_body']).execute()).toEqual([
      { recipient: 'committed@example.test', state: 'sent', text_body: null },
    ]);
  });

  it('keeps mail queued while SMTP is down and sends it once, with its Message-ID, when SMTP is back', async () => {
    const first = await startSmtpCapture();
    const port = Number(new URL(first.url).port);
    await first.stop();
    const service = await startService({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    cleanups.push(() => service.stop());
    const id = await queueMail(service.services.db, message('later@example.test'), service.services.now());
    await expect.poll(async () => (await service.services.db.selectFrom('mail_outbox').select('attempts').executeTakeFirst())?.attempts, { timeout: 10_000 }).toBeGreaterThan(0);
    const smtp = await startSmtpCapture({ port });
    cleanups.push(() => smtp.stop());
    const mail = await smtp.waitForMessage('later@example.test', { timeoutMs: 20_000 });
    expect(mail.messageId).toBe(id);
    await service.services.mail.deliverDue(new Date(service.services.now().getTime() + 3_600_000));
    expect(smtp.messages().filter((m) => m.messageId === id)).toHaveLength(1);
  });

  it('resends a message whose sender died mid-send only after its claim ran out, with the same Message-ID', async () => {
    const { service, smtp } = await serviceWithSmtp();
    const { db } = service.services;
    const now = service.services.now();
    // A sender that claimed it and died: its claim runs two minutes.
    const id = await db.transaction().execute(async (trx) => {
      const queued = await queueMail(trx, message('orphan@example.test'), new Date(now.getTime() - 3_600_000));
      await trx.updateTable('mail_outbox').set({ state: 'claimed', claimed_by: 'dead', claimed_until: new Date(now.getTime() + 120_000) }).execute();
      return queued;
    });
    expect(await service.services.mail.deliverDue(now)).toEqual([]);
    expect(smtp.messages()).toHaveLength(0);
    expect(await service.services.mail.deliverDue(new Date(now.getTime() + 121_000))).toEqual([`sent ${id}`]);
    expect((await smtp.waitForMessage('orphan@example.test')).messageId).toBe(id);
  });

  it('removes exactly what has expired at the time it is run for', async () => {
    const { service } = await serviceWithSmtp();
    const { db } = service.services;
    const now = service.services.now();
    // The service's own first look (at start) is done, so only this test deletes meanwhile.
    await service.services.jobs.runDue(now);
    const user = await db.selectFrom('users').select('id').executeTakeFirst();
    const userId =
      user?.id ??
      (
        await db
          .insertInto('users')
          .values({ id: '11111111-1111-4111-8111-111111111111', email: 'x@example.test', name: 'X', password_hash: 'x', email_confirmed_at: now, locked_until: null, last_failed_login_at: null, password_changed_at: now, created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const record = (key: string, hoursAgo: number) => ({ user_id: userId, key, route: 'test', request_hash: 'h', status_code: 200, response_body: null, created_at: new Date(now.getTime() - hoursAgo * 3_600_000) });
    await db.insertInto('idempotency_records').values([record('old', 25), record('young', 23)]).execute();
    expect((await deleteExpiredRecords(db, now)).idempotency_records).toBe(1);
    expect((await db.selectFrom('idempotency_records').select('key').execute()).map((r) => r.key)).toEqual(['young']);
    // Moved on two hours, the younger one has expired too.
    expect((await deleteExpiredRecords(db, new Date(now.getTime() + 2 * 3_600_000))).idempotency_records).toBe(1);
    expect(await db.selectFrom('idempotency_records').select('key').execute()).toEqual([]);
  });
});

describe('MIGRATE_ON_START=false', () => {
  it('refuses to start on a schema that is behind, says to run migrate, and migrates nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'palisade-behind-'));
    const database = process.env.DATABASE_URL ? await createPostgresDatabase(process.env.DATABASE_URL) : undefined;
    try {
      const config = loadConfig({ DATA_DIR: dataDir, MIGRATE_ON_START: 'false', LOG_LEVEL: 'silent', ...(database && { DATABASE_URL: database.url }) });
      await expect(buildApp(config)).rejects.toThrow(/schema is behind.*npm run server -- migrate/s);
      const db = createDatabase({ dataDir, databaseUrl: database?.url });
      try {
        const { rows } = await sql<{ present: boolean }>`select to_regclass('users') is not null as present`.execute(db);
        expect(rows[0]?.present).toBe(false);
        // Migrated (the separate step), the same settings start.
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
      const app = await buildApp(config);
      await app.close();
    } finally {
      await database?.drop();
      await removeOwnerOnlyDataFolder(dataDir, 'test data folder');
    }
  }, 120_000);
});
