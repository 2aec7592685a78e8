import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npmRunServer } from '../support/service-data-dir';
import { newPerson } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';

/** Slow enough that a person can pause it: a 4 MB installer takes about four seconds. */
const RATE = 1_000_000;

test('an installer for this computer downloads with its progress shown, pauses and resumes (also across a closed window), is checked, and on disk is the release byte for byte', async ({
  page,
  browser,
  launchHost,
  accounts,
  service,
}) => {
  const folder = await mkdtemp(join(tmpdir(), 'palisade-e2e-release-'));
  try {
    const installer = randomBytes(4_000_000);
    // Newer than anything published before it on this service, so it is the newest.
    const version = `${Date.now()}.0.0`;
    const fileName = `Palisade-${version}.AppImage`;
    await writeFile(join(folder, fileName), installer);
    await test.step('publish a release with the service’s command line', async () => {
      const { stdout } = await npmRunServer(service.commandEnv, 'releases', 'publish', '--platform', 'linux', '--version', version, '--file', join(folder, fileName));
      expect(stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    });

    const person = await accounts.createConfirmed(newPerson('download-installer', 'Ilse Brandt'));
    const host = await launchHost({ env: { PALISADE_DOWNLOAD_RATE: String(RATE) } });
    await host.open(page);
    await new SignInPage(page).signIn(person.email, person.password);
    await new AppShell(page).expectGreeting(person.name);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Downloads' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Downloads' })).toBeVisible();

    const thisComputer = page.getByRole('region', { name: 'For this computer' });
    const card = thisComputer.getByRole('article', { name: 'Palisade for Linux' });
    const progress = card.getByRole('progressbar', { name: 'Download of Palisade for Linux' });

    await test.step('this computer’s installer comes first, with its version and activation steps', async () => {
      await expect(card).toContainText(`Version ${version}, 4 MB`);
      await expect(card.getByRole('heading', { name: 'Activate Palisade on Linux, step by step' })).toBeVisible();
      await expect(card.getByRole('listitem').first()).toContainText('AppImage');
      await expect(page.getByRole('region', { name: 'For phones and tablets' }).getByRole('img', { name: /QR code: Palisade for Android in Google Play/ })).toBeVisible();
    });

    await test.step('download, and pause it on the way', async () => {
      await card.getByRole('button', { name: 'Download Palisade for Linux' }).focus();
      await page.keyboard.press('Enter');
      await expect(card.getByText(/^Downloading: /)).toBeVisible();
      await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(300_000);
      await card.getByRole('button', { name: 'Pause the download for Linux' }).click();
      await expect(card.getByRole('status')).toHaveText(/^Paused at /);
    });

    const pausedAt = Number(await progress.getAttribute('value'));
    expect(pausedAt).toBeGreaterThan(0);
    expect(pausedAt).toBeLessThan(installer.length);
    const downloads = join(host.home, 'Downloads');
    expect(await readdir(downloads)).toEqual([`${fileName}.part`]);

    const second = await browser.newContext();
    try {
      const again = await second.newPage();
      await test.step('close the window: a new one finds the paused download where it was, and resumes it', async () => {
        await page.close();
        await host.open(again);
        await again.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Downloads' }).click();
        const cardAgain = again.getByRole('region', { name: 'For this computer' }).getByRole('article', { name: 'Palisade for Linux' });
        await expect(cardAgain.getByRole('status')).toHaveText(/^Paused at /);
        expect(Number(await cardAgain.getByRole('progressbar').getAttribute('value'))).toBe(pausedAt);
        await cardAgain.getByRole('button', { name: 'Resume the download for Linux' }).click();
        await expect(cardAgain.getByText(/^Downloading: /)).toBeVisible();
        await expect(cardAgain.getByRole('status')).toHaveText(`Ready: ${fileName} is in your Downloads folder, complete and checked.`, { timeout: 20_000 });
      });

      await test.step('the file on disk is the release, byte for byte, and the screen says where it is', async () => {
        expect(await readdir(downloads)).toEqual([fileName]);
        expect((await readFile(join(downloads, fileName))).equals(installer)).toBe(true);
        const cardAgain = again.getByRole('region', { name: 'For this computer' }).getByRole('article', { name: 'Palisade for Linux' });
        await cardAgain.getByRole('button', { name: 'Show in folder: Palisade for Linux' }).click();
        await expect(cardAgain.getByText(`It is in ${join(downloads, fileName)}.`)).toBeVisible();
      });
    } finally {
      await second.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
