import { mkdtemp } from 'node:fs/promises';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkState } from '../../../shared/contract/app';
import type { EventName } from '../../../shared/contract/types';
import { errorDetails } from '../../../shared/errors';
import { createPostgresDatabase, preparePgliteDataDir } from '../../support/database';
import { type SpawnedService, spawnService } from '../../support/service';
import { startSmtpCapture, type SmtpCapture } from '../../support/smtp';
import { removeOwnerOnlyDataFolder } from '../data-at-rest/owner-only-data-folder';
import { type Desktop, startDesktop } from '../this-computer/desktop';

let smtp: SmtpCapture;
let dataDir: string;
let databaseUrl: string | undefined;
let dropDatabase = async () => {};
let service: SpawnedService | undefined;
let desktop: Desktop | undefined;

beforeAll(async () => {
  smtp = await startSmtpCapture();
  dataDir = await mkdtemp(join(tmpdir(), 'palisade-reach-'));
  if (process.env.DATABASE_URL) {
    const database = await createPostgresDatabase(process.env.DATABASE_URL);
    databaseUrl = database.url;
    dropDatabase = database.drop;
  } else {
    await preparePgliteDataDir(dataDir);
  }
});
afterAll(async () => {
  desktop?.stop();
  await service?.stop();
  await smtp?.stop();
  await dropDatabase();
  await removeOwnerOnlyDataFolder(dataDir, 'service data folder');
});

const until = async (check: () => boolean, withinMs: number): Promise<number> => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - started;
};

describe('the account service stops and comes back', () => {
  it('says the service can’t be reached while it is down, and clears within seconds once it answers', async () => {
    const env = { SMTP_URL: smtp.url, ...(databaseUrl && { DATABASE_URL: databaseUrl }) };
    service = await spawnService({ dataDir, env });
    const port = new URL(service.url).port;
    desktop = startDesktop(service.url, 'reach-computer');
    const pushed: NetworkState[] = [];
    desktop.services.events.subscribe((name: EventName, payload) => {
      if (name === 'network.changed') pushed.push(payload as NetworkState);
    });
    expect(await desktop.value('app.info')).toMatchObject({ online: true });

    await service.stop();
    service = undefined;
    // The person tries to sign in: the service on this computer refuses, so it is the service, not the internet.
    const attempt = await desktop.call('auth.signIn', { email: 'someone@example.com', password: 'correct horse battery staple' });
    expect(attempt.ok).toBe(false);
    if (!attempt.ok) expect(errorDetails(attempt.error, 'NETWORK_OFFLINE')).toEqual({ reason: 'service-unreachable' });
    expect(pushed).toEqual([{ online: false, reason: 'service-unreachable' }]);
    expect(await desktop.value('app.info')).toMatchObject({ online: false, offlineReason: 'service-unreachable' });

    // Down for a while, so the probe has backed off as far as it goes. Meanwhile something on
    // the port that hangs up on every connection notes when the app looks (still not the service).
    const looks: number[] = [];
    const hangUp = createServer((socket: Socket) => {
      looks.push(Date.now());
      socket.destroy();
    });
    await new Promise<void>((resolve) => hangUp.listen(Number(port), '127.0.0.1', resolve));
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    await new Promise<void>((resolve) => hangUp.close(() => resolve()));
    expect(desktop.services.api.networkState()).toEqual({ online: false, reason: 'service-unreachable' });
    const gaps = looks.slice(1).map((at, i) => at - looks[i]!);
    console.log(`while it was gone the app looked every ${gaps.map((g) => (g / 1000).toFixed(1)).join(', ')} s`);
    // At most 5 s apart (and a margin for a busy machine); doubling to 30 s, the fourth gap alone is 8 s or more.
    expect(looks.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...gaps)).toBeLessThan(7_500);
    service = await spawnService({ dataDir, env: { ...env, PORT: port } });
    const clearedInMs = await until(() => pushed.at(-1)?.online === true, 15_000);
    console.log(`the banner cleared ${(clearedInMs / 1000).toFixed(1)} s after the service listened again`);
    expect(pushed.at(-1)).toEqual({ online: true });
    expect(await desktop.value('app.info')).toEqual(expect.objectContaining({ online: true }));
    expect(await desktop.value('app.info')).not.toHaveProperty('offlineReason');
  }, 120_000);
});
