import { newPerson } from './support/accounts';
import { expect } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';
import { ActivateProductPage } from './support/pages/activate-product-page';
import { ThisComputerPage } from './support/pages/this-computer-page';
import { test } from './support/product-keys';

test('a computer deactivated from another one says so on its own dashboard within 5 s, without a reload or a check', async ({
  page,
  browser,
  launchHost,
  accounts,
  serviceData,
}) => {
  const person = await accounts.createConfirmed(newPerson('removed-elsewhere', 'Mira Lindqvist'));
  // Two installations on two (synthetic) computers, each with a browser of its own.
  const laptopHost = await launchHost({ args: ['--machine-seed', 'removed-laptop'] });
  const desktopHost = await launchHost({ args: ['--machine-seed', 'removed-desktop'] });
  const desktopContext = await browser.newContext();
  const desktopPage = await desktopContext.newPage();
  const laptop = new ThisComputerPage(page);

  try {
    await test.step('the laptop is protected, its dashboard on show', async () => {
      await laptopHost.open(page);
      await new SignInPage(page).signIn(person.email, person.password);
      await new AppShell(page).expectGreeting(person.name);
      await page.getByRole('link', { name: 'activate a product key' }).click();
      const activate = new ActivateProductPage(page);
      await activate.activateKey(serviceData.takeEssentialsKey());
      await activate.protectThisComputer.click();
      await laptop.register('Mira’s laptop');
      await expect(page.getByText(/^This computer is now protected until /)).toBeVisible();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
      await laptop.expectState('This computer is protected');
    });

    await test.step('the desktop deactivates the laptop from its Devices screen', async () => {
      await desktopHost.open(desktopPage);
      await new SignInPage(desktopPage).signIn(person.email, person.password);
      await new AppShell(desktopPage).expectGreeting(person.name);
      await desktopPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
      await desktopPage.getByRole('button', { name: 'Deactivate Mira’s laptop' }).click();
      await desktopPage.getByRole('alertdialog').getByRole('button', { name: 'Deactivate Mira’s laptop' }).click();
      await expect(desktopPage.getByRole('button', { name: 'Forget Mira’s laptop' })).toBeVisible();
    });

    await test.step('the laptop, left alone on its dashboard, says it was deactivated within 5 s', async () => {
      await expect(laptop.status).toHaveText('This computer was deactivated', { timeout: 5_000 });
      await expect(page.getByRole('link', { name: 'Protect this computer again' })).toBeVisible();
    });
  } finally {
    await desktopContext.close();
  }
});
