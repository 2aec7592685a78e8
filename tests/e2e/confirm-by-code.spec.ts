import { codeIn, newPerson, subjects } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, CheckEmailPage, CreateAccountPage, SignInPage } from './support/pages';

test('a newcomer types the code from the confirmation e-mail, a mistyped one first, and lands signed in', async ({ page, launchHost, smtp }) => {
  const person = newPerson('confirm-by-code', 'Kim Okafor');
  const host = await launchHost();
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
    await expect(checkEmail.resend).toBeVisible();
    await expect(checkEmail.otherAddress).toBeVisible();
  });

  const code = await test.step('the e-mail shows a code beside its link', async () => {
    const mail = await smtp.waitForMessage(person.email, { subject: subjects.confirmation });
    return codeIn(mail);
  });

  await test.step('a mistyped code says how many tries are left', async () => {
    const wrong = code.slice(0, -1) + (code.endsWith('0') ? '1' : '0');
    await checkEmail.confirmWith(wrong);
    await expect(checkEmail.pasted).toHaveAccessibleDescription(/4 tries left for this code/);
    await expect(checkEmail.pasted).toBeFocused();
  });

  await test.step('the code typed without its dash, in small letters, by keyboard, signs in', async () => {
    await checkEmail.pasted.fill('');
    await checkEmail.pasted.pressSequentially(code.replace('-', '').toLowerCase());
    await checkEmail.pasted.press('Enter');
    await shell.expectGreeting(person.name);
  });
});
