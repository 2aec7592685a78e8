import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNT } from '../../../server/src/seed/demo-account';
import { spawnService, type SpawnedService } from '../../support/service';
import { skipWithoutKeyring } from '../../support/host-cli';
import { removeOwnerOnlyDataFolder } from '../data-at-rest/owner-only-data-folder';
import { openInBrowser, spawnHostCli } from './host-process';

let service: SpawnedService;
let home: string;
let rendererDir: string;

beforeAll(async () => {
  service = await spawnService({ args: ['--seed-demo'] });
  home = await mkdtemp(join(tmpdir(), 'palisade-home-'));
  rendererDir = await mkdtemp(join(tmpdir(), 'palisade-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Palisade</title>');
});
afterAll(async () => {
  await service?.stop();
  if (home) {
    try {
      // What the browser host kept (its settings, its log, this computer's state) is the user's alone.
      await removeOwnerOnlyDataFolder(join(home, 'host'), 'browser host data folder');
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }
  if (rendererDir) await rm(rendererDir, { recursive: true, force: true });
});

const env = () => ({ PATH: process.env.PATH, HOME: home, PALISADE_API_URL: service.url });
const args = () => ['--data-dir', join(home, 'host'), '--renderer-dir', rendererDir];

describe('the browser host and the OS key store', () => {
  // Skipped only outside CI: in CI a missing key store must fail, not hide a missing install step.
  it.skipIf(skipWithoutKeyring)('keeps the session across a restart, and a sign-out too', async () => {
    const first = await spawnHostCli({ args: args(), env: env(), keyring: true });
    expect(first.stdout().trim().split('\n')).toEqual([`Palisade is running at ${first.launchUrl}`, expect.stringMatching(/works once/)]);
    const page1 = await openInBrowser(first.launchUrl);
    expect(await page1.api.session.get({})).toEqual({ ok: true, value: { user: null, storage: 'secure' } });
    const signedIn = await page1.api.auth.signIn({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password });
    expect(signedIn).toMatchObject({ ok: true, value: { status: 'signedIn', session: { storage: 'secure' } } });
    page1.close();
    await first.stop();

    const second = await spawnHostCli({ args: args(), env: env(), keyring: true });
    const page2 = await openInBrowser(second.launchUrl);
    expect(await page2.api.session.get({})).toMatchObject({ ok: true, value: { user: { email: DEMO_ACCOUNT.email }, storage: 'secure' } });
    expect(await page2.api.auth.signOut({})).toEqual({ ok: true, value: null });
    page2.close();
    await second.stop();

    const third = await spawnHostCli({ args: args(), env: env(), keyring: true });
    const page3 = await openInBrowser(third.launchUrl);
    expect(await page3.api.session.get({})).toEqual({ ok: true, value: { user: null, storage: 'secure' } });
    page3.close();
    await third.stop();
    // Nothing secret in what the host printed or logged.
    for (const text of [first.stderr(), second.stderr(), third.stderr()]) expect(text).not.toMatch(/eyJ|Demo-Palisade/);
  });

  it('says the session is memory-only where no key store answers', async () => {
    const host = await spawnHostCli({ args: args(), env: { ...env(), DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent' }, keyring: false });
    const page = await openInBrowser(host.launchUrl);
    expect(await page.api.session.get({})).toEqual({ ok: true, value: { user: null, storage: 'memory' } });
    expect(host.stderr()).toMatch(/no OS key store answered/);
    page.close();
    expect(await host.stop()).toBe(0);
  });
});
