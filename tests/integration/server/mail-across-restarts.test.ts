import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createPostgresDatabase, preparePgliteDataDir } from '../../support/database';
import { npmRunServer } from '../../support/service-data-dir';
import { spawnService, type SpawnedService } from '../../support/service';
import { type CapturedMail, startSmtpCapture } from '../../support/smtp';
import { removeOwnerOnlyDataFolder } from '../data-at-rest/owner-only-data-folder';
import { client, uniqueEmail } from './http';

const postgresUrl = process.env.DATABASE_URL;

/**
 * One deployment's database, shared by every instance started on it: on PostgreSQL a
 * fresh database and a data folder per instance; on the embedded database one folder,
 * which one instance at a time holds.
 */
interface Deployment {
  /** How many instances it runs at once. */
  instances: number;
  dataDir(instance: number): string;
  env: Record<string, string>;
}

async function newDeployment(cleanups: (() => Promise<unknown>)[]): Promise<Deployment> {
  if (postgresUrl) {
    const database = await createPostgresDatabase(postgresUrl);
    cleanups.push(() => database.drop());
    const dirs = await Promise.all([0, 1, 2].map(() => mkdtemp(join(tmpdir(), 'palisade-mail-'))));
    for (const dir of dirs) cleanups.push(() => removeOwnerOnlyDataFolder(dir, 'service data folder'));
    return { instances: 3, dataDir: (i) => dirs[i]!, env: { DATABASE_URL: database.url } };
  }
  const dir = await mkdtemp(join(tmpdir(), 'palisade-mail-'));
  cleanups.push(() => removeOwnerOnlyDataFolder(dir, 'service data folder'));
  await preparePgliteDataDir(dir);
  return { instances: 1, dataDir: () => dir, env: {} };
}

async function signUp(service: SpawnedService, email: string): Promise<void> {
  expect((await client(service.url).post('/v1/auth/signup', { email, password: 'a restarted lighthouse', name: 'Rhea' })).status).toBe(202);
}

async function until(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const byMessageId = (mails: readonly CapturedMail[]) => new Set(mails.map((m) => m.messageId));

describe(`mail across crashes (${postgresUrl ? 'PostgreSQL, three instances' : 'embedded database'})`, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  });
  const spawn = async (deployment: Deployment, instance: number, env: Record<string, string>) => {
    const service = await spawnService({ dataDir: deployment.dataDir(instance), env: { ...deployment.env, ...env } });
    cleanups.push(() => service.stop());
    return service;
  };
  const kill = async (service: SpawnedService) => {
    service.child.kill('SIGKILL');
    await service.exited;
  };

  it('delivers mail queued while SMTP was down once, after every instance was killed and one restarted', async () => {
    const deployment = await newDeployment(cleanups);
    const probe = await startSmtpCapture();
    const port = Number(new URL(probe.url).port);
    await probe.stop();
    const smtpUrl = `smtp://127.0.0.1:${port}`;

    const instances: SpawnedService[] = [];
    for (let i = 0; i < deployment.instances; i++) instances.push(await spawn(deployment, i, { SMTP_URL: smtpUrl }));
    const email = uniqueEmail('smtp-down');
    await signUp(instances[0]!, email);
    // It was tried and failed: the mail is in the database, not in a process.
    await until('a failed attempt', () => instances.some((s) => s.logs().includes('mail could not be sent')));
    for (const service of instances) await kill(service);

    const smtp = await startSmtpCapture({ port });
    cleanups.push(() => smtp.stop());
    await spawn(deployment, 0, { SMTP_URL: smtpUrl });
    const mail = await smtp.waitForMessage(email, { timeoutMs: 30_000, subject: /confirm/i });
    expect(mail.text).toMatch(/\/confirm/);
    // A little longer, for a second copy that must not come.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const toThem = smtp.messages().filter((m) => m.to === email);
    expect(toThem).toHaveLength(1);
    expect(byMessageId(toThem)).toEqual(new Set([mail.messageId]));
  }, 180_000);

  it('sends a message whose sender died mid-send again only after its claim ran out, with the same Message-ID', async () => {
    const deployment = await newDeployment(cleanups);
    const smtp = await startSmtpCapture();
    cleanups.push(() => smtp.stop());
    smtp.holdReplies(true);
    const first = await spawn(deployment, 0, { SMTP_URL: smtp.url });
    const email = uniqueEmail('died-mid-send');
    await signUp(first, email);
    // The server has the message; the sender never hears so, and dies.
    await until('the message at the SMTP server', () => smtp.messages().some((m) => m.to === email));
    await kill(first);
    smtp.holdReplies(false);
    const sent = smtp.messages().find((m) => m.to === email)!;

    const restarted = await spawn(deployment, 0, { SMTP_URL: smtp.url });
    // Its claim has two minutes to run: nobody sends it meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(smtp.messages().filter((m) => m.to === email)).toHaveLength(1);

    // Three minutes on, the claim has run out: `jobs run` (through the running service on
    // the embedded database) sends it once more, as the same message.
    const later = new Date(Date.now() + 3 * 60_000).toISOString();
    const { stdout } = await npmRunServer({ ...deployment.env, DATA_DIR: deployment.dataDir(0), SMTP_URL: smtp.url }, 'jobs', 'run', '--now', later);
    expect(stdout).toContain(`mail-delivery: sent ${sent.messageId}`);
    const toThem = smtp.messages().filter((m) => m.to === email);
    expect(toThem).toHaveLength(2);
    // One message by its Message-ID, which is what an SMTP side that deduplicates delivers.
    expect(byMessageId(toThem)).toEqual(new Set([sent.messageId]));
    expect(restarted.logs()).not.toMatch(/\/confirm\?token=/);
  }, 180_000);
});
