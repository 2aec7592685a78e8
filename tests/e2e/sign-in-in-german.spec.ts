import { newPerson } from './support/accounts';
import { Copy, english } from './support/copy';
import { expect, test } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';

// A browser set to German, as a customer in Germany has it.
test.use({ locale: 'de-DE' });

const german = new Copy('de');

/** The German a screen shows for an English sentence: the catalogue must hold it, and say it differently. */
function inGerman(sentence: string, values?: Record<string, string>): string {
  expect(german.has(sentence), `a catalogue holds "${sentence}"`).toBe(true);
  const said = german.say(sentence, values);
  expect(said, `"${sentence}" in German`).not.toBe(english.say(sentence, values));
  return said;
}

test('in a German browser, a customer signs in in German: headings, labels and a wrong password are German, and so is the dashboard', async ({
  page,
  launchHost,
  accounts,
}) => {
  const person = await accounts.createConfirmed(newPerson('sign-in-german', 'Jürgen Weiß'));
  const host = await launchHost();
  const signIn = new SignInPage(page, german);
  const shell = new AppShell(page, german);

  await test.step('the sign-in screen is German', async () => {
    await host.open(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(signIn.heading).toHaveText(inGerman('Sign in to Palisade'));
    // The glossary's words, whatever the exact sentence.
    await expect(signIn.heading).toHaveText(/anmelden|Anmeldung/i);
    await expect(signIn.email).toBeVisible();
    await expect(page.getByText(inGerman('E-mail address'), { exact: true })).toBeVisible();
    await expect(page.getByRole('main').locator('label', { hasText: inGerman('Password') })).toHaveText('Passwort');
    await expect(signIn.password).toBeVisible();
    await expect(signIn.submit).toHaveText(inGerman('Sign in'));
    await expect(signIn.forgotPasswordLink).toBeVisible();
    await expect(signIn.createAccountLink).toBeVisible();
    await expect(page.getByRole('main')).not.toContainText('Sign in');
  });

  await test.step('a wrong password is refused in German', async () => {
    await signIn.signIn(person.email, 'nicht mein Passwort');
    await expect(signIn.alert).toContainText(
      inGerman('That e-mail address and password don’t match. Check them and try again, or reset your password.'),
    );
    await expect(signIn.alert).toContainText('Passwort');
  });

  await test.step('signed in, the dashboard is German', async () => {
    await signIn.password.fill(person.password);
    await signIn.submit.click();
    await shell.expectGreeting(person.name);
    await expect(shell.heading).not.toHaveText(/^Good (morning|afternoon|evening)/);
    // The sidebar names the dashboard "Übersicht", as the glossary says.
    await expect(shell.sidebar.getByRole('link').first()).toHaveText(inGerman('Dashboard'));
    await expect(shell.sidebar.getByRole('link').first()).toHaveText('Übersicht');
    await expect(page.getByRole('main')).not.toContainText(/\b(This computer|Subscriptions?|Devices?)\b/);
  });
});
