import { newPerson } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AccountLockedPage, SignInPage } from './support/pages';

test('five wrong passwords in a row lock the account, and the locked screen counts down', async ({ page, launchHost, accounts }) => {
  const person = await accounts.createConfirmed(newPerson('locked'));
  const host = await launchHost();
  await host.open(page);
  const signIn = new SignInPage(page);
  const locked = new AccountLockedPage(page);
  await signIn.expectShown();

  for (let attempt = 1; attempt <= 4; attempt++) {
    await signIn.signIn(person.email, `not my password ${attempt}`);
    await expect(signIn.alert, `wrong password ${attempt}`).toContainText('That e-mail address and password don’t match.');
  }
  await signIn.signIn(person.email, 'not my password 5');

  await locked.expectShown();
  await expect(locked.timer).toHaveText(/^1[45]:\d{2}$/);
  const first = await locked.secondsLeft();
  expect(first).toBeGreaterThan(14 * 60);
  expect(first).toBeLessThanOrEqual(15 * 60);
  // The clock is live: within a few seconds it shows less time left.
  await expect.poll(() => locked.secondsLeft(), { timeout: 5_000, intervals: [250] }).toBeLessThan(first);
  await expect(page.getByText('About 15 minutes left.')).toBeAttached();

  // The way out it offers: reset the password, for the same address.
  await locked.resetPassword.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
  await expect(page.getByLabel('E-mail address')).toHaveValue(person.email);
});
