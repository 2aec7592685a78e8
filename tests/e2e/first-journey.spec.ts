import { linkIn, newPerson, subjects } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, CheckEmailPage, CreateAccountPage, SignInPage } from './support/pages';

test('a new customer creates an account, confirms it from the e-mail, signs in, stays signed in across a restart, and stays signed out after signing out', async ({
  page,
  launchHost,
  smtp,
}) => {
  const person = newPerson('first-journey', 'Robin Fairweather');
  // The OS key store is what lets a session outlive the app.
  const host = await launchHost({ keyring: true });
  const signIn = new SignInPage(page);
  const createAccount = new CreateAccountPage(page);
  const checkEmail = new CheckEmailPage(page);
  const shell = new AppShell(page);

  await test.step('create an account', async () => {
    await host.open(page);
    await signIn.expectShown();
    await signIn.createAccountLink.click();
    await createAccount.expectShown();
    await createAccount.create(person);
    await checkEmail.expectShown(person.email);
  });

  await test.step('confirm it with the link from the e-mail', async () => {
    const mail = await smtp.waitForMessage(person.email, { subject: subjects.confirmation });
    expect(mail.text).toContain(`Hello ${person.name},`);
    await checkEmail.confirmWith(linkIn(mail, '/confirm'));
    await signIn.expectShown();
    await expect(signIn.notice).toHaveText('Your e-mail address is confirmed. Sign in to continue.');
    await expect(signIn.email).toHaveValue(person.email);
  });

  await test.step('sign in: the dashboard greets them by name', async () => {
    await signIn.password.fill(person.password);
    await signIn.submit.click();
    await shell.expectGreeting(person.name);
    // A real key store answered, so nothing warns that the session is memory-only.
    await expect(page.getByText('no secure key store')).toHaveCount(0);
  });

  await test.step('quit and start again: still signed in', async () => {
    await host.restart();
    await host.open(page);
    await shell.expectGreeting(person.name);
  });

  await test.step('sign out', async () => {
    await shell.signOut();
    await signIn.expectShown();
  });

  await test.step('quit and start again: still signed out', async () => {
    await host.restart();
    await host.open(page);
    await signIn.expectShown();
    await expect(shell.accountButton).toHaveCount(0);
  });

  // Nothing secret in what the host logged along the way.
  expect(host.logs()).not.toContain(person.password);
  expect(host.logs()).not.toMatch(/eyJ[A-Za-z0-9_-]{5,}\./);
});
