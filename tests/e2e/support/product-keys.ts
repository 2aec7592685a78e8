import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresDatabase } from '../../support/database';
import { type ServiceEnv, spawnService, type SpawnedService } from '../../support/service';
import { test as base } from './fixtures';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run server -- keys mint …` against a data folder (and database), as an operator mints keys. */
function mintKeys(env: ServiceEnv, plan: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/src/cli.ts',
        'keys',
        'mint',
        '--plan',
        plan,
        '--years',
        '1',
        '--count',
        String(count),
      ],
      {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`keys mint exited ${code}: ${err}`)),
    );
  });
}

/** The service's data folder (and database) with product keys already in it. */
export interface ServiceData {
  dataDir: string;
  env: ServiceEnv;
  /**
   * A key for Palisade Essentials (one year, one device) that no other test took: the
   * service, and so its keys, are shared by the specs of a worker.
   */
  takeEssentialsKey(): string;
}

/**
 * The fixtures with a service of the file's own whose product keys were minted first: the
 * service process owns its embedded database while it runs, so keys are minted into its
 * folder before it starts (on PostgreSQL, into a fresh database of its own).
 */
export const test = base.extend<object, { serviceData: ServiceData; service: SpawnedService }>({
  serviceData: [
    async ({ smtp, serviceEnv }, use) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'palisade-e2e-service-'));
      const postgres = process.env.DATABASE_URL ? await createPostgresDatabase(process.env.DATABASE_URL) : undefined;
      try {
        const env: ServiceEnv = { SMTP_URL: smtp.url, ...serviceEnv, ...(postgres && { DATABASE_URL: postgres.url }) };
        const essentialsKeys = await mintKeys({ ...env, DATA_DIR: dataDir }, 'essentials', 8);
        const takeEssentialsKey = () => {
          const key = essentialsKeys.shift();
          if (!key)
            throw new Error('Every minted product key was taken: mint more in tests/e2e/support/product-keys.ts');
          return key;
        };
        await use({ dataDir, env, takeEssentialsKey });
      } finally {
        await postgres?.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  service: [
    async ({ serviceData, serviceArgs }, use) => {
      const service = await spawnService({ env: serviceData.env, dataDir: serviceData.dataDir, args: serviceArgs });
      try {
        await use(service);
      } finally {
        await service.stop();
      }
    },
    { scope: 'worker', timeout: 90_000 },
  ],
});
