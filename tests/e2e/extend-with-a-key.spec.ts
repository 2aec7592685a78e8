import { expectNoAxeViolations } from './support/accessibility';
import { newPerson } from './support/accounts';
import { expect } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';
import { ActivateProductPage } from './support/pages/activate-product-page';
import { ThisComputerPage } from './support/pages/this-computer-page';
import { test } from './support/product-keys';

// A service of this file's own, so its minted keys are not shared with other specs.
test.use({ serviceEnv: { LOG_LEVEL: 'info' } });

const lastGroup = (key: string) => key.slice(-5);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a second key of the plan extends the subscription that protects this computer, a third is added separately, and the cards and Manage seats tell them apart', async ({
  page,
  launchHost,
  accounts,
  serviceData,
}) => {
  const [first, second, third] = [
    serviceData.takeEssentialsKey(),
    serviceData.takeEssentialsKey(),
    serviceData.takeEssentialsKey(),
  ];
  const person = await accounts.createConfirmed(newPerson('extend-with-a-key', 'Noor Haddad'));
  const host = await launchHost();
  const activate = new ActivateProductPage(page);
  const nextYear = new Date().getUTCFullYear() + 1;

  await test.step('sign in, activate the first key and protect this computer on it', async () => {
    await host.open(page);
    await new SignInPage(page).signIn(person.email, person.password);
    await new AppShell(page).expectGreeting(person.name);
    await page.getByRole('link', { name: 'activate a product key' }).click();
    await activate.activateKey(first!);
    await expect(activate.added).toHaveText('Palisade Essentials is now on your account');
    await activate.protectThisComputer.click();
    await new ThisComputerPage(page).register('Study laptop');
    await expect(page.getByText(/^This computer is now protected until /)).toBeVisible();
  });

  const choice = page.getByRole('group', { name: 'What should this key do?' });
  const extendFirst = choice.getByRole('radio', {
    name: new RegExp(
      `^Extend Palisade Essentials \\(key …${escape(lastGroup(first!))}, since .+\\) to .*${nextYear + 1}$`,
    ),
  });

  const subscriptionsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Subscriptions' });

  await test.step('a second key of the plan asks to extend it (the default) or add it separately', async () => {
    await subscriptionsLink.click();
    await page.getByRole('link', { name: 'Activate a product key' }).click();
    await activate.activateKey(second!);
    await expect(page.getByRole('heading', { level: 2, name: 'You already have Palisade Essentials' })).toBeFocused();
    await expect(extendFirst).toBeChecked();
    await expect(choice.getByRole('radio', { name: 'Add as a separate subscription' })).not.toBeChecked();
    await expectNoAxeViolations(page, 'extend or add a key');
  });

  await test.step('with the keyboard: the default is taken with Tab and Enter', async () => {
    await page.keyboard.press('Tab');
    await expect(extendFirst).toBeFocused();
    await page.keyboard.press('Enter');
    const done = page.getByRole('heading', { level: 2, name: 'Palisade Essentials is extended' });
    await expect(done).toBeFocused();
    await expect(page.getByText(new RegExp(`^It now runs until .*${nextYear + 1}\\.$`))).toBeVisible();
  });

  await test.step('a third key, added as a separate subscription', async () => {
    await page.getByRole('button', { name: 'Activate another key' }).click();
    await activate.activateKey(third!);
    await choice.getByRole('radio', { name: 'Add as a separate subscription' }).check();
    await page.getByRole('button', { name: 'Use the key' }).click();
    await expect(activate.added).toHaveText('Palisade Essentials is now on your account');
  });

  await test.step('the cards tell the two apart by their keys, and the extended one ends a year later', async () => {
    await subscriptionsLink.click();
    const cards = page.getByRole('article');
    await expect(cards).toHaveCount(2);
    const extended = cards.filter({ hasText: `Key ending ${lastGroup(second!)}` });
    const separate = cards.filter({ hasText: `Key ending ${lastGroup(third!)}` });
    await expect(extended).toContainText(String(nextYear + 1));
    await expect(extended.getByRole('meter')).toHaveAttribute('aria-valuetext', '1 of 1 device used');
    await expect(separate.getByRole('meter')).toHaveAttribute('aria-valuetext', '0 of 1 device used');
    await expectNoAxeViolations(page, 'subscriptions, two of one plan');
  });

  await test.step('Manage seats opens the subscription that has the device', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
    await page.getByRole('link', { name: 'Manage seats' }).click();
    await expect(
      page.getByRole('radio', {
        name: new RegExp(`^Palisade Essentials \\(key …${escape(lastGroup(second!))}, since `),
      }),
    ).toBeChecked();
    await expect(page.getByRole('meter', { name: 'Devices used on Palisade Essentials' })).toHaveAttribute(
      'aria-valuetext',
      '1 of 1 device used',
    );
  });
});
