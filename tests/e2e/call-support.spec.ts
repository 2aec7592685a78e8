import contacts from '../../content/support/contacts.json' with { type: 'json' };
import { type ContactLine, isOpenAt } from '../../shared/api/support-contacts';
import { expectNoAxeViolations } from './support/accessibility';
import { newPerson } from './support/accounts';
import { Copy } from './support/copy';
import { expect, test } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';

const lineOf = (region: string) => (contacts.lines as ContactLine[]).find((line) => line.region === region)!;

test.describe('in Austria, with the computer on New York time', () => {
  // The app speaks German (the browser's language); the system locale names Austria; the
  // reader's clock is New York's, so the hours in their own time differ from the line's.
  test.use({ locale: 'de-DE', timezoneId: 'America/New_York', permissions: ['clipboard-read', 'clipboard-write'] });
  const german = new Copy('de');

  test('the Austrian line is offered first, another region is chosen by keyboard, its hours show in the reader’s time, the number is copied, and the section is axe-clean', async ({
    page,
    launchHost,
    accounts,
  }) => {
    const person = await accounts.createConfirmed(newPerson('call-support-at', 'Anna Gruber'));
    const host = await launchHost({ env: { LANG: 'de_AT.UTF-8' } });
    await host.open(page);
    await new SignInPage(page, german).signIn(person.email, person.password);
    await new AppShell(page, german).expectGreeting(person.name);
    await page.getByRole('navigation', { name: german.name('Main') }).getByRole('link', { name: 'Support' }).click();

    const section = page.getByRole('region', { name: 'Support anrufen' });
    const region = section.getByLabel('Anruf aus');
    await test.step('Austria, from the system locale: its number, languages and whether it is open now', async () => {
      await expect(region).toHaveValue('AT');
      await expect(section.getByRole('heading', { level: 3 })).toHaveText('Österreich');
      await expect(section.getByTestId('support-phone')).toHaveText(lineOf('AT').phone);
      await expect(section).toContainText('Sprachen: Deutsch');
      await expect(section).toContainText(isOpenAt(lineOf('AT'), new Date()) ? 'Jetzt erreichbar' : 'Jetzt nicht erreichbar');
      const table = section.getByRole('table', { name: 'Erreichbarkeit' });
      await expect(table.getByRole('columnheader', { name: 'Ortszeit dort (Europe/Vienna)' })).toBeVisible();
      await expect(table.getByRole('columnheader', { name: 'Ihre Zeit (America/New_York)' })).toBeVisible();
      // 08:00–18:00 in Vienna is six hours earlier in New York (five in the weeks only one side is on summer time).
      const weekdays = table.getByRole('row', { name: /Mo\.?–Fr\.?/ });
      await expect(weekdays.getByRole('cell').nth(0)).toHaveText('08:00–18:00');
      await expect(weekdays.getByRole('cell').nth(1)).toHaveText(/^0[23]:00–1[23]:00$/);
    });

    await expectNoAxeViolations(page, 'support, call support (Austria)');

    await test.step('Japan, chosen with the keyboard: its hours fall on the day before in New York', async () => {
      await region.focus();
      await region.selectOption('JP');
      await expect(section.getByRole('heading', { level: 3 })).toHaveText('Japan');
      await expect(section.getByTestId('support-phone')).toHaveText(lineOf('JP').phone);
      const weekdays = section.getByRole('row', { name: /Mo\.?–Fr\.?/ });
      await expect(weekdays.getByRole('cell').nth(0)).toHaveText('09:00–18:00');
      await expect(weekdays.getByRole('cell').nth(1)).toHaveText(/^(19|20):00–0[45]:00 \(am Vortag\)$/);
    });

    await test.step('the number is copied without spaces, and the copy is announced', async () => {
      await section.getByRole('button', { name: 'Nummer kopieren' }).press('Enter');
      await expect(section.getByRole('status')).toHaveText('Kopiert.');
      expect(await page.evaluate('navigator.clipboard.readText()')).toBe(lineOf('JP').phone.replaceAll(' ', ''));
    });
  });
});

test.describe('with a system locale that names no region', () => {
  test('the international line is offered, open around the clock', async ({ page, launchHost, accounts }) => {
    const person = await accounts.createConfirmed(newPerson('call-support-intl', 'Sam Reyes'));
    const host = await launchHost({ env: { LANG: 'en' } });
    await host.open(page);
    await new SignInPage(page).signIn(person.email, person.password);
    await new AppShell(page).expectGreeting(person.name);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Support' }).click();
    const section = page.getByRole('region', { name: 'Call support' });
    await expect(section.getByLabel('Calling from')).toHaveValue('ZZ');
    await expect(section.getByTestId('support-phone')).toHaveText(lineOf('ZZ').phone);
    await expect(section).toContainText('Open now');
    await expect(section.getByRole('row', { name: /Mon–Sun/ })).toContainText('Around the clock');
    // The international line is last in the list, after every country.
    await expect(section.getByLabel('Calling from').locator('option').last()).toHaveText('International');
    await expectNoAxeViolations(page, 'support, call support (international)');
  });
});
