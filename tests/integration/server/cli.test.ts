import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnService, type SpawnedService } from '../../support/service';
import { npmRunServer, useServiceDataDir } from '../../support/service-data-dir';
import { client, expectError, expectTokens, uniqueEmail } from './http';

/** `npm run server -- <command>` as the README says, on this test's own database. */
async function server(env: Record<string, string>, ...args: string[]) {
  return (await npmRunServer(env, ...args)).stdout;
}

describe('the service command line', () => {
  const store = useServiceDataDir('palisade-cli-');

  it('migrates, seeds the demo account once, and serves it', async () => {
    expect(await server(store.env, 'migrate')).toContain('Applied: 0001_identity');
    expect(await server(store.env, 'migrate')).toContain('up to date');
    expect(await server(store.env, 'seed-demo')).toContain('Created the demo account demo@palisade.test');
    expect(await server(store.env, 'seed-demo')).toContain('already exists');

    const service = await spawnService({ dataDir: store.dataDir, env: store.env });
    try {
      const api = client(service.url);
      const tokens = expectTokens(
        await api.post('/v1/auth/login', { email: 'demo@palisade.test', password: 'Demo-Palisade-2026' }),
      );
      expect((await api.get('/v1/account', tokens.accessToken)).body).toMatchObject({
        name: 'Alex Demo',
        email: 'demo@palisade.test',
      });
    } finally {
      await service.stop();
    }
    expect(await service.exited).toBe(0);
  }, 180_000); // five cold starts of the CLI, each opening the database

  it('lists its commands and refuses unknown ones', async () => {
    expect(await server(store.env, 'help')).toMatch(/seed-demo/);
    await expect(server(store.env, 'frobnicate')).rejects.toMatchObject({ code: 2 });
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

  it('writes mail to the outbox, naming the file in its log and never the link, when no SMTP server is set', async () => {
    const email = uniqueEmail('outbox');
    expect(
      (await client(service.url).post('/v1/auth/signup', { email, password: 'an outbox lighthouse', name: 'Otto' }))
        .status,
    ).toBe(202);
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
    await expect.poll(() => service.logs()).toContain(files[0]!);
    expect(service.logs()).not.toMatch(/token=|\/confirm\?/);
  });

  it('finishes requests in flight when told to stop, then exits 0', async () => {
    const api = client(service.url);
    const seen = service.logs().split('"incoming request"').length;
    const logins = Array.from({ length: 4 }, () =>
      api.post('/v1/auth/login', { email: uniqueEmail('late'), password: 'not a password at all' }),
    );
    // Wait until the service has received all four, then ask it to stop.
    await expect.poll(() => service.logs().split('"incoming request"').length - seen, { timeout: 10_000 }).toBe(4);
    service.child.kill('SIGTERM');
    for (const answer of await Promise.all(logins)) expectError(answer, 401, 'INVALID_CREDENTIALS');
    expect(await service.exited).toBe(0);
  });
});
