import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npmRunServer } from '../support/service-data-dir';
import { newPerson } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, LanguageSettingsPage, SignInPage } from './support/pages';

test('a release newer than the app, published with the service’s command line, shows in Settings as an update that is available', async ({
  page,
  launchHost,
  accounts,
  service,
}) => {
  const appVersion = (JSON.parse(await readFile(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;
  // Newer than the app and than anything published before it on this service, so the feed names it.
  const version = `${Date.now()}.0.0`;
  expect(version.localeCompare(appVersion, undefined, { numeric: true })).toBe(1);
  const folder = await mkdtemp(join(tmpdir(), 'palisade-e2e-update-'));
  try {
    const fileName = `Palisade-${version}.AppImage`;
    await writeFile(join(folder, fileName), randomBytes(200_000));
    await npmRunServer(service.commandEnv, 'releases', 'publish', '--platform', 'linux', '--version', version, '--file', join(folder, fileName));

    const person = await accounts.createConfirmed(newPerson('update-available', 'Jonas Weber'));
    const host = await launchHost();
    await host.open(page);
    await new SignInPage(page).signIn(person.email, person.password);
    await new AppShell(page).expectGreeting(person.name);
    await new LanguageSettingsPage(page).open();

    const updates = page.getByRole('region', { name: 'Updates' });
    await expect(updates.getByRole('status')).toHaveText(`An update is available: Palisade ${version}.`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
});
