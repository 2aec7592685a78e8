import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDatabase, pgliteDir } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';

const migrationsDir = new URL('../../server/src/db/migrations/', import.meta.url);

/**
 * A migrated PGlite folder made once per machine and schema (creating one takes ~4 s,
 * copying it well under 1 s). Workers that race both build one; the first rename wins.
 */
async function pgliteTemplate(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(migrationsDir)).sort()) {
    hash.update(file).update(await readFile(new URL(file, migrationsDir)));
  }
  const pgliteVersion = JSON.parse(await readFile(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8')) as { version: string };
  hash.update(pgliteVersion.version);
  const template = join(tmpdir(), `palisade-pglite-template-${hash.digest('hex').slice(0, 16)}`);
  try {
    await readdir(template);
    return template;
  } catch {
    // Not built yet.
  }
  const work = await mkdtemp(join(tmpdir(), 'palisade-pglite-build-'));
  const db = createDatabase({ dataDir: work, databaseUrl: undefined });
  await migrateToLatest(db);
  await db.destroy();
  try {
    await rename(pgliteDir(work), template);
  } catch {
    // Another worker got there first; its template is as good as ours.
  }
  await rm(work, { recursive: true, force: true });
  return template;
}

/** Puts a fresh, migrated embedded database into `dataDir`. */
export async function preparePgliteDataDir(dataDir: string): Promise<void> {
  const template = await pgliteTemplate();
  await mkdir(dataDir, { recursive: true });
  await cp(template, pgliteDir(dataDir), { recursive: true });
}

/**
 * A new, empty database on the PostgreSQL server at `serverUrl`, named uniquely so test
 * files running in parallel never share one; `drop()` removes it.
 */
export async function createPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `palisade_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  // Test files start in parallel (and other suites may share the server): CREATE DATABASE
  // can meet "template1 is being accessed by other users" or a full connection table for a
  // moment, so those are retried.
  for (let attempt = 1; ; attempt++) {
    const admin = new pg.Client({ connectionString: serverUrl });
    try {
      await admin.connect();
      await admin.query(`create database ${name}`);
      break;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (attempt >= 8 || (code !== '55006' && code !== '53300')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    } finally {
      await admin.end().catch(() => {});
    }
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
