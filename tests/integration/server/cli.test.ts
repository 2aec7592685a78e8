import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../../support/database';
import { spawnService, type SpawnedService } from '../../support/service';
import { client, expectError, expectTokens, uniqueEmail } from './http';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** `npm run server -- <command>` as the README says, on this test's own database. */
async function server(env: Record<string, string>, ...args: string[]) {
  const { stdout } = await run('npm', ['run', '--silent', 'server', '--', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  return stdout;
}

describe('the service command line', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let dropDatabase = async () => {};

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'palisade-cli-'));
    env = { DATA_DIR: dataDir };
    if (process.env.DATABASE_URL) {
      const database = await createPostgresDatabase(process.env.DATABASE_URL);
      env.DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }
  });
  afterAll(async () => {
    await dropDatabase();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates, seeds the demo account once, and serves it', async () => {
    expect(await server(env, 'migrate')).toContain('Applied: 0001_identity');
    expect(await server(env, 'migrate')).toContain('up to date');
    expect(await server(env, 'seed-demo')).toContain('Created the demo account demo@palisade.test');
    expect(await server(env, 'seed-demo')).toContain('already exists');

    const service = await spawnService({ dataDir, env });
    try {
      const api = client(service.url);
      const tokens = expectTokens(await api.post('/v1/auth/login', { email: 'demo@palisade.test', password: 'Demo-Palisade-2026' }));
      expect((await api.get('/v1/account', tokens.accessToken)).body).toMatchObject({ name: 'Alex Demo', email: 'demo@palisade.test' });
    } finally {
      await service.stop();
    }
    expect(await service.exited).toBe(0);
  }, 180_000); // five cold starts of the CLI, each opening the database

  it('lists its commands and refuses unknown ones', async () => {
    expect(await server(env, 'help')).toMatch(/seed-demo/);
    await expect(server(env, 'frobnicate')).rejects.toMatchObject({ code: 2 });
  });
});

describe('a running service process', () => {
  let service: SpawnedService;
  beforeAll(async () => {
    service = await spawnService();
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('writes mail to the outbox, with the link in its log, when no SMTP server is set', async () => {
    const email = uniqueEmail('outbox');
    expect((await client(service.url).post('/v1/auth/signup', { email, password: 'an outbox lighthouse', name: 'Otto' })).status).toBe(201);
    let files: string[] = [];
    for (let i = 0; i < 50 && files.length === 0; i++) {
      files = await readdir(service.outboxDir).catch(() => []);
      if (files.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const eml = await readFile(join(service.outboxDir, files[0]!), 'utf8');
    expect(eml).toContain(`To: ${email}`);
    expect(eml).toMatch(/Subject: Confirm your e-mail address/);
    await expect.poll(() => service.logs()).toMatch(new RegExp(`link: ${service.url.replace(/\./g, '\\.')}/confirm\\?token=[A-Za-z0-9_-]{43}`));
  });

  it('finishes requests in flight when told to stop, then exits 0', async () => {
    const api = client(service.url);
    const seen = service.logs().split('"incoming request"').length;
    const logins = Array.from({ length: 4 }, () => api.post('/v1/auth/login', { email: uniqueEmail('late'), password: 'not a password at all' }));
    // Wait until the service has received all four, then ask it to stop.
    await expect.poll(() => service.logs().split('"incoming request"').length - seen, { timeout: 10_000 }).toBe(4);
    service.child.kill('SIGTERM');
    for (const answer of await Promise.all(logins)) expectError(answer, 401, 'INVALID_CREDENTIALS');
    expect(await service.exited).toBe(0);
  });
});
