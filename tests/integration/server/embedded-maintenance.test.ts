import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { maintainEmbeddedDatabase } from '../../../server/src/db/embedded-maintenance';
import { userRow } from '../../support/rows';
import { useService } from '../../support/use-service';

const onPglite = !process.env.DATABASE_URL;

describe.runIf(onPglite)('maintenance of the embedded database (PGlite has no autovacuum)', () => {
  const { service } = useService({ smtp: false });

  const stats = async () =>
    (
      await sql<{ live: number; dead: number; analyzed: Date | null }>`
        select n_live_tup::int as live, n_dead_tup::int as dead, last_analyze as analyzed
        from pg_stat_user_tables where relname = 'users'`.execute(service.services.db)
    ).rows[0]!;

  it('analyses a table that changed, vacuums one full of dead rows, and leaves quiet ones alone', async () => {
    const db = service.services.db;
    const now = new Date();
    await db
      .insertInto('users')
      .values(Array.from({ length: 300 }, () => userRow('maintenance', now)))
      .execute();
    // The statistics collector reports a moment after the writes.
    await expect.poll(async () => (await stats()).live, { timeout: 10_000 }).toBeGreaterThanOrEqual(300);

    const first = await maintainEmbeddedDatabase(db);
    expect(first.analyzed).toContain('users');
    expect(first.vacuumed).not.toContain('users');
    expect((await stats()).analyzed).not.toBeNull();
    // Nothing changed since: nothing to do.
    expect((await maintainEmbeddedDatabase(db)).analyzed).not.toContain('users');

    // Updating every row leaves a dead copy of each.
    await db
      .updateTable('users')
      .set({ updated_at: new Date() })
      .where('email', 'like', '%@maintenance.test')
      .execute();
    await expect.poll(async () => (await stats()).dead, { timeout: 10_000 }).toBeGreaterThanOrEqual(300);
    const second = await maintainEmbeddedDatabase(db);
    expect(second.vacuumed).toContain('users');
    await expect.poll(async () => (await stats()).dead, { timeout: 10_000 }).toBeLessThan(50);
  });
});
