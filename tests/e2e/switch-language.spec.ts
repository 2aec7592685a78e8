import { expectNoAxeViolations } from './support/accessibility';
import { newPerson } from './support/accounts';
import { Copy, english } from './support/copy';
import { expect, test } from './support/fixtures';
import { AppShell, LanguageSettingsPage, SignInPage } from './support/pages';

// An English browser: the app speaks English until Settings says otherwise.
test.use({ locale: 'en-US' });

const german = new Copy('de');

/** The few browser globals the check uses (the Node type check has no DOM library). */
interface PageGlobals {
  __palisadeSamePage?: boolean;
}

test('Settings → Language → Deutsch turns the app German at once, it stays German after a restart, and "same as the system" brings English back', async ({
  page,
  launchHost,
  accounts,
}) => {
  const person = await accounts.createConfirmed(newPerson('switch-language', 'Robin Fairweather'));
  const host = await launchHost();
  const language = new LanguageSettingsPage(page);

  await test.step('signed in, the app speaks English', async () => {
    await host.open(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await new SignInPage(page).signIn(person.email, person.password);
    await new AppShell(page).expectGreeting(person.name);
    await language.open(english);
    await language.expectChosen('system', english);
  });

  await test.step('choosing Deutsch changes the app at once, without loading the page again', async () => {
    // Gone if the page were loaded again.
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).__palisadeSamePage = true;
    });
    await language.choose('de', english);
    await expect(language.heading(german)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(new AppShell(page, german).sidebar.getByRole('link').first()).toHaveText('Übersicht');
    await language.expectChosen('de', german);
    await expectNoAxeViolations(page, 'settings, in German');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__palisadeSamePage)).toBe(true);
  });

  await test.step('after a restart of the app, it is still German', async () => {
    await host.restart();
    await host.open(page);
    // The session lived in memory only (no key store here), so it begins at sign-in, in German.
    const signIn = new SignInPage(page, german);
    await signIn.expectShown();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await signIn.signIn(person.email, person.password);
    await new AppShell(page, german).expectGreeting(person.name);
    await language.open(german);
    await language.expectChosen('de', german);
  });

  await test.step('"same as the system" brings English back', async () => {
    await language.choose('system', german);
    await expect(language.heading(english)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(new AppShell(page).sidebar.getByRole('link').first()).toHaveText('Dashboard');
    await language.expectChosen('system', english);
  });
});
