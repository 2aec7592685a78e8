import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPostgresDatabase } from '../support/database';
import { type ServiceEnv, spawnService, type SpawnedService } from '../support/service';
import { newPerson } from './support/accounts';
import { expect, test as base } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';
import { ActivateProductPage } from './support/pages/activate-product-page';
import { ThisComputerPage } from './support/pages/this-computer-page';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** `npm run server -- keys mint …` against a data folder (and database), as an operator mints keys. */
function mintKeys(env: ServiceEnv, plan: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/cli.ts', 'keys', 'mint', '--plan', plan, '--years', '1', '--count', String(count)], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out.trim().split('\n')) : reject(new Error(`keys mint exited ${code}: ${err}`))));
  });
}

/** The service's data folder (and database) with product keys already in it. */
interface ServiceData {
  dataDir: string;
  env: ServiceEnv;
  essentialsKeys: string[];
}

/**
 * This file's service gets its product keys first: the service process owns its embedded
 * database while it runs, so keys are minted into its folder before it starts (on
 * PostgreSQL, into a fresh database of its own).
 */
const test = base.extend<object, { serviceData: ServiceData; service: SpawnedService }>({
  serviceData: [
    async ({ smtp, serviceEnv }, use) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'palisade-e2e-service-'));
      const postgres = process.env.DATABASE_URL ? await createPostgresDatabase(process.env.DATABASE_URL) : undefined;
      try {
        const env: ServiceEnv = { SMTP_URL: smtp.url, ...serviceEnv, ...(postgres && { DATABASE_URL: postgres.url }) };
        const essentialsKeys = await mintKeys({ ...env, DATA_DIR: dataDir }, 'essentials', 1);
        await use({ dataDir, env, essentialsKeys });
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

test('sign in, activate a key and protect this computer; a second computer on the 1-seat plan moves protection to itself and the first learns it was removed', async ({
  page,
  browser,
  launchHost,
  accounts,
  serviceData,
}) => {
  const [key] = serviceData.essentialsKeys;
  expect(key).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
  const person = await accounts.createConfirmed(newPerson('move-protection', 'Sam Okafor'));

  // Two installations on two (synthetic) computers: --machine-seed gives each its own hardware.
  const oldHost = await launchHost({ args: ['--machine-seed', 'old-laptop'] });
  const newHost = await launchHost({ args: ['--machine-seed', 'new-laptop'] });
  // The second computer has a browser of its own.
  const newContext = await browser.newContext();
  const newPage = await newContext.newPage();

  const oldComputer = new ThisComputerPage(page);
  const newComputer = new ThisComputerPage(newPage);

  try {
    await test.step('sign in on the old laptop: not protected yet', async () => {
      await oldHost.open(page);
      await new SignInPage(page).signIn(person.email, person.password);
      await new AppShell(page).expectGreeting(person.name);
      await oldComputer.expectState('This computer isn’t protected');
    });

    await test.step('activate the product key, typed in lower case', async () => {
      await page.getByRole('link', { name: 'activate a product key' }).click();
      const activate = new ActivateProductPage(page);
      await activate.activateKey(key!.toLowerCase());
      await expect(activate.added).toHaveText('Palisade Essentials is now on your account');
    });

    await test.step('register this computer: the dashboard says protected', async () => {
      await new ActivateProductPage(page).protectThisComputer.click();
      await oldComputer.register('Old laptop');
      await expect(page.getByText(/^This computer is now protected until /)).toBeVisible();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
      await oldComputer.expectState('This computer is protected');
      await expect(page.getByText(/^Old laptop is protected until /)).toBeVisible();
      await expect(page.getByRole('meter', { name: 'Devices used on Palisade Essentials' })).toHaveAttribute('aria-valuetext', '1 of 1 device used');
    });

    await test.step('the new laptop hits the seat limit and moves protection to itself', async () => {
      await newHost.open(newPage);
      await new SignInPage(newPage).signIn(person.email, person.password);
      await new AppShell(newPage).expectGreeting(person.name);
      await newComputer.expectState('This computer isn’t protected');
      await newComputer.open();
      await newComputer.register('New laptop');
      await newComputer.moveProtectionFrom('Old laptop', 'New laptop');
      await newComputer.expectNotice('Protection moved from Old laptop to this computer.');
      await newComputer.expectState('This computer is protected');
    });

    await test.step('the old laptop checks in and shows that it was removed', async () => {
      await oldComputer.open();
      await oldComputer.checkNow.click();
      await oldComputer.expectState('This computer was removed from your account');
      await expect(page.getByText(/^It was removed on .+, so it is no longer protected\./)).toBeVisible();
      // The dashboard says the same, and offers to register it again.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
      await oldComputer.expectState('This computer was removed from your account');
      await expect(page.getByRole('link', { name: 'Register this computer again' })).toBeVisible();
    });
  } finally {
    await newContext.close();
  }

  // Nothing secret in what the hosts logged.
  for (const host of [oldHost, newHost]) {
    expect(host.logs()).not.toContain(person.password);
    expect(host.logs()).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\./);
  }
});
