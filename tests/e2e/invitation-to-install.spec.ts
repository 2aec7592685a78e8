import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npmRunServer } from '../support/service-data-dir';
import { newPerson } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';

test('an invitation e-mail’s link opens the install page, whose download is the published Windows installer and whose downloads page puts Windows first with its activation steps', async ({
  page,
  browser,
  launchHost,
  accounts,
  smtp,
  service,
}) => {
  const folder = await mkdtemp(join(tmpdir(), 'palisade-e2e-release-'));
  const invitee = await browser.newContext({ acceptDownloads: true, locale: 'en-GB' });
  try {
    const installer = randomBytes(1_500_000);
    // Newer than anything published before it on this service (other specs publish too), so it is the one offered.
    const version = `${Date.now()}.0.0`;
    const fileName = `Palisade Setup ${version}.exe`;
    await writeFile(join(folder, fileName), installer);
    await npmRunServer(service.commandEnv, 'releases', 'publish', '--platform', 'windows', '--version', version, '--file', join(folder, fileName));

    const person = await accounts.createConfirmed(newPerson('invitation-to-install', 'Tomás Ferreira'));
    const invitedAddress = newPerson('invitation-to-install-inbox').email;
    await test.step('invite a Windows device by e-mail from Devices', async () => {
      const host = await launchHost();
      await host.open(page);
      await new SignInPage(page).signIn(person.email, person.password);
      await new AppShell(page).expectGreeting(person.name);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
      await page.getByRole('button', { name: 'Add a device' }).click();
      const dialog = page.getByRole('dialog', { name: 'Add a device' });
      await dialog.getByText('Windows', { exact: true }).click();
      await dialog.getByLabel('E-mail the link to').fill(invitedAddress);
      await dialog.getByRole('button', { name: 'E-mail the link' }).click();
      await expect(dialog.getByRole('status')).toContainText(`We sent a link to ${invitedAddress}.`);
    });

    const link = await test.step('the real invitation e-mail carries the install page link', async () => {
      const mail = await smtp.waitForMessage(invitedAddress, { timeoutMs: 15_000 });
      const found = /https?:\/\/\S+\/install\?token=[A-Za-z0-9_%-]+/.exec(mail.text)?.[0];
      expect(found, mail.text).toBeTruthy();
      return found!;
    });

    const installPage = await invitee.newPage();
    await test.step('the install page offers the Windows installer first, and it is the release', async () => {
      await installPage.goto(link);
      await expect(installPage.getByRole('heading', { level: 1, name: 'Protect this Windows device' })).toBeVisible();
      const downloads = installPage.getByRole('list').getByRole('link');
      await expect(downloads.first()).toHaveText('Download Palisade for Windows');
      const [download] = await Promise.all([installPage.waitForEvent('download'), downloads.first().click()]);
      expect(download.suggestedFilename()).toBe(fileName);
      const saved = join(folder, 'downloaded.exe');
      await download.saveAs(saved);
      expect((await readFile(saved)).equals(installer)).toBe(true);
    });

    await test.step('its downloads page puts Windows first, with the installer and the activation steps', async () => {
      await installPage.getByRole('link', { name: 'Get Palisade', exact: true }).click();
      await expect(installPage.getByRole('heading', { level: 1, name: 'Get Palisade' })).toBeVisible();
      const sections = installPage.getByRole('region');
      await expect(sections.first()).toHaveAccessibleName('Palisade for Windows');
      const windows = sections.first();
      await expect(windows.getByRole('link', { name: 'Download Palisade for Windows' })).toBeVisible();
      await expect(windows).toContainText(`Version ${version}`);
      await expect(windows.getByRole('heading', { name: 'Activate Palisade on Windows, step by step' })).toBeVisible();
      await expect(windows.getByRole('listitem').nth(1)).toHaveText('Palisade opens when the installation is finished. Sign in with your Palisade account.');
      // The phones go to their stores.
      await expect(installPage.getByRole('region', { name: 'Palisade for Android' }).getByRole('link')).toHaveAttribute('href', /^https:\/\/play\.google\.com\//);
    });
  } finally {
    await invitee.close();
    await rm(folder, { recursive: true, force: true });
  }
});
