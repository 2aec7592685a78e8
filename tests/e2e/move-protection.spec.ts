import { newPerson } from './support/accounts';
import { expect } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';
import { ActivateProductPage } from './support/pages/activate-product-page';
import { ThisComputerPage } from './support/pages/this-computer-page';
import { test } from './support/product-keys';

test('sign in, activate a key and protect this computer; a second computer on the 1-seat plan moves protection to itself and the first learns it was removed', async ({
  page,
  browser,
  launchHost,
  accounts,
  serviceData,
}) => {
  const key = serviceData.takeEssentialsKey();
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
      await activate.activateKey(key.toLowerCase());
      await expect(activate.added).toHaveText('Palisade Essentials is now on your account');
    });

    await test.step('register this computer: the dashboard says protected', async () => {
      await new ActivateProductPage(page).protectThisComputer.click();
      await oldComputer.register('Old laptop');
      await expect(page.getByText(/^This computer is now protected until /)).toBeVisible();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
      await oldComputer.expectState('This computer is protected');
      await expect(page.getByText(/^Old laptop is protected until /)).toBeVisible();
      await expect(page.getByRole('meter', { name: 'Devices used on Palisade Essentials' })).toHaveAttribute(
        'aria-valuetext',
        '1 of 1 device used',
      );
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
      await oldComputer.expectState('This computer was deactivated');
      await expect(page.getByText(/^It was deactivated on .+, so it is no longer protected\./)).toBeVisible();
      // The dashboard says the same, and offers to register it again.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
      await oldComputer.expectState('This computer was deactivated');
      await expect(page.getByRole('link', { name: 'Protect this computer again' })).toBeVisible();
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
