import { expectNoAxeViolations } from './support/accessibility';
import { newPerson } from './support/accounts';
import { BillingSetup, signInWithEssentials, testCards } from './support/billing';
import { expect } from './support/fixtures';
import { SubscriptionsPage } from './support/pages/billing-page';
import { test } from './support/product-keys';

test.use({ serviceEnv: { LOG_LEVEL: 'info' } });

test('Add more devices offers the bigger plans at the prorated price, and paying moves the subscription to one for the rest of its term', async ({
  page,
  launchHost,
  accounts,
  serviceData,
  service,
}) => {
  const person = await accounts.createConfirmed(newPerson('upgrade-plan', 'Kwame Mensah'));
  const host = await launchHost();
  await host.open(page);
  await signInWithEssentials(page, serviceData.takeEssentialsKey(), person);
  const setup = new BillingSetup(service.url);
  await setup.signIn(person.email, person.password);
  await setup.addCard(testCards.mastercard, person.name);
  const [before] = await setup.subscriptions();
  const year = new Date().getUTCFullYear();

  const subscriptions = new SubscriptionsPage(page);
  await subscriptions.open();
  await subscriptions.upgradeButton('Palisade Essentials').click();
  const dialog = page.getByRole('dialog', { name: 'More devices for Palisade Essentials' });

  const family = dialog.getByRole('radio', { name: /^Palisade Family: up to 5 devices · €\d+\.\d\d now$/ });
  const max = dialog.getByRole('radio', { name: /^Palisade Max: up to 10 devices · €\d+\.\d\d now$/ });
  let price = '';
  await test.step('the two bigger plans, each with what it costs now for the days left', async () => {
    await expect(family).toBeChecked();
    await expect(max).toBeVisible();
    await expect(dialog.getByText(/You pay only the difference for the \d+ days left\.$/)).toBeVisible();
    // About a year is left of a one-year term: close to the whole difference (€49.99 − €29.99), never more.
    const label = (await family.getAttribute('id')) && (await dialog.locator(`label[for="${await family.getAttribute('id')}"]`).textContent());
    price = /€(\d+\.\d\d)/.exec(label ?? '')![1]!;
    expect(Number(price)).toBeGreaterThan(15);
    expect(Number(price)).toBeLessThanOrEqual(20);
    await expectNoAxeViolations(page, 'add more devices');
  });

  await test.step('the card, then confirm and pay', async () => {
    await dialog.getByRole('button', { name: 'Next' }).click();
    await expect(dialog.getByRole('radio', { name: 'Mastercard ••4444' })).toBeChecked();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await expect(dialog.getByText(new RegExp(`^You’ll pay €${price.replace('.', '\\.')} with Mastercard ••4444 now\\. From then Palisade Family protects up to 5 devices, until .*${year + 1}\\.$`))).toBeVisible();
    await dialog.getByRole('button', { name: `Pay €${price}` }).click();
    await expect(dialog.getByRole('heading', { name: 'You now have Palisade Family' })).toBeFocused();
    await expect(dialog.getByText(new RegExp(`^Up to 5 devices, until .*${year + 1}\\.$`))).toBeVisible();
    await expect(dialog.getByText(new RegExp(`^Invoice PAL-\\d{4}-\\d{6}: €${price.replace('.', '\\.')}$`))).toBeVisible();
    await expectNoAxeViolations(page, 'add more devices, done');
    await dialog.getByRole('button', { name: 'Done' }).click();
  });

  await test.step('the same subscription, now Family with five seats and the same expiry', async () => {
    const card = subscriptions.cards.filter({ hasText: 'Palisade Family' });
    await expect(card).toHaveCount(1);
    await expect(card.getByRole('meter')).toHaveAttribute('aria-valuetext', '0 of 5 devices used');
    const [after] = await setup.subscriptions();
    expect(after).toMatchObject({ id: before!.id, plan: 'family', seats: 5, expiresAt: before!.expiresAt });
  });
});
