import { newPerson } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, SecuritySettingsPage, SignInPage } from './support/pages';

test('a password changed on another device signs this app out at once, and the sign-in screen says why, where and when', async ({
  page,
  browser,
  launchHost,
  accounts,
}) => {
  const person = await accounts.createConfirmed(newPerson('password-elsewhere', 'Jonas Weber'));
  const laptopHost = await launchHost({ args: ['--machine-seed', 'password-laptop'] });
  const desktopHost = await launchHost({ args: ['--machine-seed', 'password-desktop'] });
  const desktopContext = await browser.newContext();
  const desktopPage = await desktopContext.newPage();
  const newPassword = 'a brand new walk along the harbour';

  try {
    await test.step('both computers are signed in', async () => {
      await laptopHost.open(page);
      await new SignInPage(page).signIn(person.email, person.password);
      await new AppShell(page).expectGreeting(person.name);
      await desktopHost.open(desktopPage);
      await new SignInPage(desktopPage).signIn(person.email, person.password);
      await new AppShell(desktopPage).expectGreeting(person.name);
    });

    await test.step('the desktop changes the password in Settings', async () => {
      await new SecuritySettingsPage(desktopPage).open();
      const section = desktopPage.getByRole('region', { name: 'Password' });
      await section.getByLabel('Current password', { exact: true }).fill(person.password);
      await section.getByLabel('New password', { exact: true }).fill(newPassword);
      await section.getByRole('button', { name: 'Change password' }).click();
      await expect(desktopPage.getByText(/^Your password has been changed\./)).toBeVisible();
    });

    await test.step('the laptop, left alone, is signed out within 5 s and told why, where and when', async () => {
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Palisade' })).toBeVisible({ timeout: 5_000 });
      // Both hosts run on this one machine, so the desktop’s session is "Palisade (browser) on <this host>".
      await expect(page.getByRole('status').filter({ hasText: 'You were signed out' })).toHaveText(
        /^You were signed out because the password was changed on Palisade .+ at .*\d{1,2}:\d{2}.*\.$/,
      );
    });

    await test.step('signing in with the new password works, and the reason goes', async () => {
      await new SignInPage(page).signIn(person.email, newPassword);
      await new AppShell(page).expectGreeting(person.name);
      await expect(page.getByText(/You were signed out because/)).toHaveCount(0);
    });
  } finally {
    await desktopContext.close();
  }
});
