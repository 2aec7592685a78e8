import { expectNoAxeViolations } from './support/accessibility';
import { newPerson } from './support/accounts';
import { signInWithEssentials, testCards } from './support/billing';
import { expect } from './support/fixtures';
import { BillingPage, SubscriptionsPage } from './support/pages/billing-page';
import { test } from './support/product-keys';

test.use({ serviceEnv: { LOG_LEVEL: 'info' } });

test('a mistyped card never leaves the app, a card the bank declines is not added, and a renewal declined on an added card changes nothing and says what to do', async ({
  page,
  launchHost,
  accounts,
  serviceData,
}) => {
  const person = await accounts.createConfirmed(newPerson('declined-card', 'Tomasz Wiśniewski'));
  const host = await launchHost();
  await host.open(page);
  await signInWithEssentials(page, serviceData.takeEssentialsKey(), person);
  const billing = new BillingPage(page);
  const form = billing.cardForm;
  const year = new Date().getUTCFullYear();

  await test.step('a number that fails the Luhn check and a past expiry are caught before sending', async () => {
    await billing.open();
    await billing.addCard({ number: '4242 4242 4242 4241', expiry: '01/20', holder: 'Tomasz Wiśniewski' });
    await expect(billing.addCardDialog.getByText('This card number has a typing mistake. Check it against your card.')).toBeVisible();
    await expect(billing.addCardDialog.getByText('This card has expired. Use a card that is still valid.')).toBeVisible();
    await expect(form.number).toBeFocused();
    await expectNoAxeViolations(page, 'add a card, with what is wrong');
  });

  await test.step('4000 0000 0000 0002 is declined when added: not on the list, and the sentence says so', async () => {
    await form.number.fill('');
    await form.number.pressSequentially(testCards.declinedWhenAdded.replace(/ /g, ''));
    await form.expiry.fill('08/30');
    await form.submit.click();
    await expect(billing.addCardDialog.getByRole('alert')).toHaveText(
      'Your bank declined this card, so it wasn’t added. Check the details or use another card.',
    );
    await expectNoAxeViolations(page, 'add a card, declined');
    await billing.addCardDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByText('No card yet. Add one to renew a subscription or to renew it automatically.')).toBeVisible();
  });

  await test.step('4000 0000 0000 0341 is added', async () => {
    await billing.addCard({ number: testCards.everyChargeDeclined, holder: 'Tomasz Wiśniewski' });
    await expect(page.getByText('Visa ••0341 is added.')).toBeVisible();
    await expect(billing.cards).toHaveCount(1);
    await expect(billing.cards.first()).toContainText('Default');
  });

  await test.step('renewing with it is declined: nothing charged, nothing changed, and what to do', async () => {
    const subscriptions = new SubscriptionsPage(page);
    await subscriptions.open();
    await subscriptions.renewButton('Palisade Essentials').click();
    const dialog = page.getByRole('dialog', { name: 'Renew Palisade Essentials' });
    await dialog.getByRole('button', { name: 'Next' }).click();
    await expect(dialog.getByRole('radio', { name: 'Visa ••0341' })).toBeChecked();
    await dialog.getByRole('button', { name: 'Next' }).click();
    await dialog.getByRole('button', { name: 'Pay €29.99' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      'Visa ••0341 was declined. Nothing was charged and your subscription is unchanged. Choose another card, or ask your bank why it was refused.',
    );
    await expectNoAxeViolations(page, 'renew now, declined');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(subscriptions.cards.first()).toContainText(new RegExp(`Ends on .*${year + 1}`));
    await expect(subscriptions.cards.first()).not.toContainText(String(year + 2));
    await billing.open();
    await expect(page.getByText('No invoices yet. Each renewal or upgrade adds one here.')).toBeVisible();
  });
});
