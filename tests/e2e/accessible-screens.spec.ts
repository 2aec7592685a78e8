import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npmRunServer } from '../support/service-data-dir';
import { expectNoAxeViolations } from './support/accessibility';
import { newPerson } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AccountLockedPage, AppShell, CheckEmailPage, CreateAccountPage, LanguageSettingsPage, SignInPage } from './support/pages';
import { ActivateProductPage } from './support/pages/activate-product-page';
import { ThisComputerPage } from './support/pages/this-computer-page';
import { test as keyed } from './support/product-keys';

// Every screen of the first journey, as people meet it, checked by axe-core in the light and the dark theme.

test('the signed-out screens, their errors included, have no axe-core violations in light or dark', async ({ page, launchHost }) => {
  const person = newPerson('a11y-signed-out');
  const host = await launchHost();
  const signIn = new SignInPage(page);
  const createAccount = new CreateAccountPage(page);
  const checkEmail = new CheckEmailPage(page);

  await host.open(page);
  await signIn.expectShown();
  await expectNoAxeViolations(page, 'sign in');

  await signIn.createAccountLink.click();
  await createAccount.expectShown();
  await expectNoAxeViolations(page, 'create account');
  await createAccount.submit.click();
  await expect(page.getByText('Enter your name.')).toBeVisible();
  await expectNoAxeViolations(page, 'create account, with what is missing');

  await createAccount.create(person);
  await checkEmail.expectShown(person.email);
  await expectNoAxeViolations(page, 'check your e-mail');
  // "not a code" would read as one (8 symbols once O is 0): something that cannot be.
  await checkEmail.confirmWith('not a code at all');
  await expect(page.getByText('That doesn’t look like the 8-character code or the link from our e-mail.')).toBeVisible();
  await expectNoAxeViolations(page, 'check your e-mail, with a bad code');

  await page.getByRole('link', { name: 'Back to sign in' }).click();
  await signIn.expectShown();
  await signIn.signIn(person.email, 'not my password');
  await expect(signIn.alert).toBeVisible();
  await expectNoAxeViolations(page, 'sign in, with an error');

  await signIn.forgotPasswordLink.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  await expectNoAxeViolations(page, 'forgot password');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your e-mail' })).toBeVisible();
  await expectNoAxeViolations(page, 'forgot password, link sent');

  await page.getByRole('link', { name: 'Enter the code from the e-mail' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await expectNoAxeViolations(page, 'reset password');
});

test('the locked screen has no axe-core violations in light or dark', async ({ page, launchHost, accounts }) => {
  const person = await accounts.createConfirmed(newPerson('a11y-locked'));
  await accounts.lock(person.email);
  const host = await launchHost();
  await host.open(page);
  const signIn = new SignInPage(page);
  await signIn.expectShown();
  await signIn.signIn(person.email, person.password);
  await new AccountLockedPage(page).expectShown();
  await expectNoAxeViolations(page, 'account locked');
});

test('the dashboard and the account menu have no axe-core violations in light or dark', async ({ page, launchHost, accounts }) => {
  const person = await accounts.createConfirmed(newPerson('a11y-dashboard'));
  const host = await launchHost();
  await host.open(page);
  const signIn = new SignInPage(page);
  await signIn.expectShown();
  await signIn.signIn(person.email, person.password);
  const shell = new AppShell(page);
  await shell.expectGreeting(person.name);
  await expectNoAxeViolations(page, 'dashboard');
  await shell.openAccountMenu();
  await expectNoAxeViolations(page, 'dashboard, account menu open');
});

keyed(
  'activating a key, and the choice to extend a subscription with one, have no axe-core violations in light or dark',
  async ({ page, launchHost, accounts, serviceData }) => {
    const [first, second] = [serviceData.takeEssentialsKey(), serviceData.takeEssentialsKey()];
    const person = await accounts.createConfirmed(newPerson('a11y-keys'));
    const host = await launchHost();
    await host.open(page);
    await new SignInPage(page).signIn(person.email, person.password);
    await new AppShell(page).expectGreeting(person.name);
    const activate = new ActivateProductPage(page);
    await page.getByRole('link', { name: 'activate a product key' }).click();
    await expect(activate.heading).toBeVisible();
    await expectNoAxeViolations(page, 'activate a product key');
    await activate.activateKey(first);
    await expect(activate.added).toBeVisible();
    await expectNoAxeViolations(page, 'key activated');
    await page.getByRole('button', { name: 'Activate another key' }).click();
    // The second key is only looked at, never spent: the choice comes before activation.
    await activate.activateKey(second);
    await expect(page.getByRole('group', { name: 'What should this key do?' })).toBeVisible();
    await expectNoAxeViolations(page, 'extend or add a key');
  },
);

keyed(
  'forgetting a deactivated device, I have an invitation link and what this computer shares have no axe-core violations in light or dark',
  async ({ page, launchHost, accounts, serviceData }) => {
    const person = await accounts.createConfirmed(newPerson('a11y-devices'));
    const host = await launchHost({ args: ['--machine-seed', 'a11y-devices'] });
    await host.open(page);
    await new SignInPage(page).signIn(person.email, person.password);
    await new AppShell(page).expectGreeting(person.name);
    await page.getByRole('link', { name: 'activate a product key' }).click();
    const activate = new ActivateProductPage(page);
    await activate.activateKey(serviceData.takeEssentialsKey());
    await activate.protectThisComputer.click();
    const thisComputer = new ThisComputerPage(page);
    await thisComputer.register('Study PC');
    await expect(page.getByText(/^This computer is now protected/)).toBeVisible();

    await thisComputer.open();
    await page.getByText('What this computer shares', { exact: true }).click();
    await expect(page.getByText('Palisade version', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page, 'this computer, what it shares');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
    await page.getByRole('button', { name: 'Deactivate Study PC' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Deactivate Study PC' }).click();
    const forget = page.getByRole('button', { name: 'Forget Study PC' });
    await expect(forget).toBeVisible();
    await expectNoAxeViolations(page, 'devices, a deactivated device');
    await forget.click();
    await expect(page.getByRole('alertdialog', { name: 'Forget Study PC?' })).toBeVisible();
    await expectNoAxeViolations(page, 'forget a deactivated device');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'I have an invitation link' }).click();
    const dialog = page.getByRole('dialog', { name: 'I have an invitation link' });
    await expect(dialog).toBeVisible();
    await expectNoAxeViolations(page, 'I have an invitation link');
    await dialog.getByRole('textbox', { name: 'Invitation link or code' }).fill('not a link');
    await page.keyboard.press('Enter');
    await expect(dialog.getByText(/doesn’t look like an invitation link/)).toBeVisible();
    await expectNoAxeViolations(page, 'I have an invitation link, with what is wrong');
  },
);

test('the downloads screen, with an installer published and the store link e-mailed, has no axe-core violations in light or dark', async ({
  page,
  launchHost,
  accounts,
  service,
}) => {
  const folder = await mkdtemp(join(tmpdir(), 'palisade-a11y-release-'));
  try {
    await writeFile(join(folder, 'Palisade-Setup.exe'), randomBytes(64_000));
    await npmRunServer(service.commandEnv, 'releases', 'publish', '--platform', 'windows', '--version', `${Date.now()}.0.0`, '--file', join(folder, 'Palisade-Setup.exe'));
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  const person = await accounts.createConfirmed(newPerson('a11y-downloads'));
  const host = await launchHost();
  await host.open(page);
  await new SignInPage(page).signIn(person.email, person.password);
  await new AppShell(page).expectGreeting(person.name);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Downloads' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Downloads' })).toBeVisible();
  await expect(page.getByRole('img', { name: /QR code: Palisade for iPhone and iPad/ })).toBeVisible();
  await expectNoAxeViolations(page, 'downloads');
  await page.getByRole('button', { name: 'E-mail me the link to Palisade for Android' }).click();
  await expect(page.getByText('The link to Palisade for Android is on its way to your e-mail address.')).toBeVisible();
  await expectNoAxeViolations(page, 'downloads, the store link e-mailed');
});

test('Settings with its update mode and notification switches has no axe-core violations in light or dark', async ({ page, launchHost, accounts }) => {
  const person = await accounts.createConfirmed(newPerson('a11y-settings'));
  const host = await launchHost();
  await host.open(page);
  const signIn = new SignInPage(page);
  await signIn.expectShown();
  await signIn.signIn(person.email, person.password);
  await new AppShell(page).expectGreeting(person.name);
  await new LanguageSettingsPage(page).open();
  const main = page.getByRole('main');
  // Each choice shows the saved one: it turns once the main process has kept it (and the
  // choices wait, disabled, until the settings are read).
  const tellMe = main.getByRole('radio', { name: /^Tell me/ });
  await expect(tellMe).toBeEnabled();
  await tellMe.click();
  await expect(tellMe).toBeChecked();
  await expect(main.getByRole('checkbox', { name: 'Protection has ended' })).toBeChecked();
  await main.getByRole('checkbox', { name: 'Protection has ended' }).click();
  await expect(main.getByRole('checkbox', { name: 'Protection has ended' })).not.toBeChecked();
  await expectNoAxeViolations(page, 'settings, updates and notifications');
  // Remembered: shown again as chosen after a reload.
  await page.reload();
  await expect(page.getByRole('main').getByRole('radio', { name: /^Tell me/ })).toBeChecked();
  await expect(page.getByRole('main').getByRole('checkbox', { name: 'Protection has ended' })).not.toBeChecked();
});
