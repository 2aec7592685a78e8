import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';

const databaseUrl = process.env.DATABASE_URL;

describe.runIf(databaseUrl)('a lost PostgreSQL connection', () => {
  const { service, api } = useService({ smtp: false });

  it('is dropped and replaced: the service keeps answering, nothing crashes', async () => {
    expect((await api.get('/v1/health')).status).toBe(200);
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(service.services.db);
    const name = rows[0]!.name;

    // What a server restart or an administrator does to the service's idle connections.
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      const ended = await admin.query(
        'select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      expect(ended.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }

    // The idle client's error reaches the pool's listener (an unhandled one would fail this
    // run as an uncaught exception); the next request gets a fresh connection.
    await expect.poll(() => service.logs(), { timeout: 5_000 }).toContain('lost an idle database connection');
    expect((await api.get('/v1/health')).status).toBe(200);
  });
});
