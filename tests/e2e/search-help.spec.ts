import { expectNoAxeViolations } from './support/accessibility';
import { newPerson } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';

test('a misspelt question finds the article, which is read and marked helpful; search and article are axe-clean in light and dark', async ({
  page,
  launchHost,
  accounts,
  service,
}) => {
  const person = await accounts.createConfirmed(newPerson('search-help', 'Robin Fischer'));
  const host = await launchHost();
  await host.open(page);
  await new SignInPage(page).signIn(person.email, person.password);
  await new AppShell(page).expectGreeting(person.name);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Support' }).click();

  const section = page.getByRole('region', { name: 'Help articles' });
  const box = section.getByRole('searchbox', { name: 'Search help' });
  await test.step('typing a misspelt question shows the reset article with its matched words marked', async () => {
    await box.focus();
    await page.keyboard.type('forgot my pasword');
    await expect(section.getByRole('status').first()).toHaveText(/\d+ articles?/);
    const results = section.getByRole('list').first().getByRole('button');
    await expect(results.first()).toContainText('Reset a forgotten password');
    await expect(results.first().locator('mark').first()).toBeVisible();
  });

  await expectNoAxeViolations(page, 'support, help search results');

  await test.step('the result is picked with the keyboard and the article is read', async () => {
    await section.getByRole('button', { name: /Reset a forgotten password/ }).first().focus();
    await page.keyboard.press('Enter');
    const heading = section.getByRole('heading', { name: 'Reset a forgotten password' });
    await expect(heading).toBeFocused();
    await expect(section.getByRole('article')).toContainText('We send a link that works for a short time and only once.');
    await expect(section.getByRole('navigation', { name: 'Related articles' }).getByRole('button', { name: 'Sign in and sign out' })).toBeVisible();
  });

  await expectNoAxeViolations(page, 'support, a help article');

  await test.step('Was this helpful? Yes — thanked, and recorded by the service', async () => {
    await section.getByRole('group', { name: 'Was this helpful?' }).getByRole('button', { name: 'Yes' }).click();
    await expect(section.getByText('Thank you for telling us.')).toBeVisible();
    const top = await fetch(new URL('/v1/support/articles?limit=1', service.url), { headers: { 'accept-language': 'en' } });
    expect(((await top.json()) as { slug: string }[])[0]?.slug).toBe('reset-password');
  });
});
