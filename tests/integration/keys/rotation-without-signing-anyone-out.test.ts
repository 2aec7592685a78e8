import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PinnedKeyStore, type PinnedLicenceKey } from '../../../electron/services/licence';
import { buildApp, listeningUrl } from '../../../server/src/app';
import { loadConfig } from '../../../server/src/config';
import { licencePublicKeyResponseSchema } from '../../../shared/api/devices';
import { createPostgresDatabase } from '../../support/database';
import { type InProcessService, startService } from '../../support/service';
import { type SmtpCapture, startSmtpCapture } from '../../support/smtp';
import { type Client, client, confirmedAccount, signIn } from '../server/http';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const run = promisify(execFile);
const serverUrl = process.env.DATABASE_URL;

/** `npm run server -- keys rotate …` as an operator runs it, in a process of its own. */
async function keysRotate(env: Record<string, string>, ...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'keys', 'rotate', ...args], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, ...env },
    timeout: 60_000,
  });
  return stdout;
}

const kidOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
// Instances look at the key folder at most once a second.
const afterNextLook = () => new Promise((resolve) => setTimeout(resolve, 1200));

let smtp: SmtpCapture;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.stop();
});

describe('rotating the access-token key on the embedded database, beside its running service', () => {
  let service: InProcessService;
  let api: Client;
  beforeAll(async () => {
    service = await startService({ env: { SMTP_URL: smtp.url } });
    api = client(service.url);
  });
  afterAll(async () => {
    await service.stop();
  });

  it('signs no one out: a token from before `keys rotate --access` still works, a new one carries the new kid', async () => {
    const account = await confirmedAccount(api, smtp, 'rotate-embedded');
    const before = await signIn(api, account.email, account.password);
    // Straight on the folder, while the service holds it: only key files change.
    const output = await keysRotate({ DATA_DIR: service.dataDir }, '--access');
    const newKid = /new kid (\S+)/.exec(output)?.[1];
    expect(output).toContain(`the old kid ${kidOf(before.accessToken)} still verifies until`);
    await afterNextLook();
    expect((await api.get('/v1/account', before.accessToken)).status).toBe(200);
    const after = await signIn(api, account.email, account.password);
    expect(kidOf(after.accessToken)).toBe(newKid);
    expect((await api.get('/v1/account', after.accessToken)).status).toBe(200);
    // The refresh token from before the rotation is still good too: it lives in the database.
    expect((await api.post('/v1/auth/refresh', { refreshToken: before.refreshToken })).status).toBe(200);
  });
});

describe.runIf(serverUrl)('two services on one PostgreSQL sharing one KEYS_DIR', () => {
  let keysRoot: string;
  let keysDir: string;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  const apps: FastifyInstance[] = [];
  const dataDirs: string[] = [];
  let one: Client;
  let two: Client;

  beforeAll(async () => {
    keysRoot = await mkdtemp(join(tmpdir(), 'palisade-shared-keys-'));
    keysDir = join(keysRoot, 'keys'); // empty: both make their keys at once
    database = await createPostgresDatabase(serverUrl!);
    const start = async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'palisade-instance-'));
      dataDirs.push(dataDir);
      const config = loadConfig({
        DATA_DIR: dataDir,
        KEYS_DIR: keysDir,
        DATABASE_URL: database.url,
        SMTP_URL: smtp.url,
        HOST: '127.0.0.1',
        PORT: '0',
        AUTH_RATE_LIMIT: '100000',
        LOG_LEVEL: 'silent',
      });
      const app = await buildApp(config);
      apps.push(app);
      await app.listen({ host: '127.0.0.1', port: 0 });
      return client(listeningUrl(app)!);
    };
    // One after the other, so only one migrates; simultaneous starts on an empty folder are the unit tests' (access-token-key-set.test.ts).
    one = await start();
    two = await start();
  }, 120_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.drop();
    for (const dir of [...dataDirs, keysRoot]) await rm(dir, { recursive: true, force: true });
  });

  it('accept each other’s access tokens, and publish one licence key', async () => {
    const account = await confirmedAccount(one, smtp, 'shared-keys');
    const fromOne = await signIn(one, account.email, account.password);
    const fromTwo = await signIn(two, account.email, account.password);
    expect(kidOf(fromOne.accessToken)).toBe(kidOf(fromTwo.accessToken));
    expect((await two.get('/v1/account', fromOne.accessToken)).status).toBe(200);
    expect((await one.get('/v1/account', fromTwo.accessToken)).status).toBe(200);
    const keys = await Promise.all([one, two].map(async (api) => licencePublicKeyResponseSchema.parse((await api.get('/v1/licence/public-key')).body)));
    expect(keys[0]).toEqual(keys[1]);
  });

  it('rotate the access-token key without signing anyone out, each accepting the other’s new tokens', async () => {
    const account = await confirmedAccount(one, smtp, 'shared-rotate');
    const before = await signIn(one, account.email, account.password);
    const output = await keysRotate({ KEYS_DIR: keysDir, DATA_DIR: dataDirs[0]! }, '--access');
    const newKid = /new kid (\S+)/.exec(output)?.[1];
    await afterNextLook();
    for (const api of [one, two]) expect((await api.get('/v1/account', before.accessToken)).status).toBe(200);
    const fromTwo = await signIn(two, account.email, account.password);
    expect(kidOf(fromTwo.accessToken)).toBe(newKid);
    expect((await one.get('/v1/account', fromTwo.accessToken)).status).toBe(200);
    const fromOne = await signIn(one, account.email, account.password);
    expect(kidOf(fromOne.accessToken)).toBe(newKid);
    expect((await two.get('/v1/account', fromOne.accessToken)).status).toBe(200);
  });

  it('rotate the licence key: both publish the signed statement, and an app that pinned the old key follows it', async () => {
    const publicKey = async (api: Client) => licencePublicKeyResponseSchema.parse((await api.get('/v1/licence/public-key')).body);
    let stored: PinnedLicenceKey | undefined;
    const pins = new PinnedKeyStore({ get: () => stored, set: (v) => (stored = v), clear: () => (stored = undefined) });
    const old = await publicKey(one);
    expect((await pins.accept(old)).ok).toBe(true);
    const output = await keysRotate({ KEYS_DIR: keysDir, DATA_DIR: dataDirs[0]! }, '--licence', '--from', new Date().toISOString());
    expect(output).toMatch(/statement 1/);
    await afterNextLook();
    const [fromOne, fromTwo] = [await publicKey(one), await publicKey(two)];
    expect(fromOne).toEqual(fromTwo);
    expect(fromOne.rotations).toHaveLength(1);
    expect(fromOne.jwk).not.toEqual(old.jwk);
    expect(await pins.accept(fromTwo)).toEqual({ ok: true, value: fromTwo.jwk });
    expect(pins.pinned()?.generation).toBe(1);
  });
});
