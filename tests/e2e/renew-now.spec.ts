import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoAxeViolations } from './support/accessibility';
import { newPerson } from './support/accounts';
import { expectFitsAt320, qpdfCheck, signInWithEssentials, testCards } from './support/billing';
import { expect } from './support/fixtures';
import { CardForm, SubscriptionsPage } from './support/pages/billing-page';
import { test } from './support/product-keys';

test.use({ serviceEnv: { LOG_LEVEL: 'info' } });

test('Renew now: choose two years (price and new expiry shown), add a card on the way, pay, and the receipt offers the invoice', async ({
  page,
  launchHost,
  accounts,
  serviceData,
  smtp,
}) => {
  const person = await accounts.createConfirmed(newPerson('renew-now', 'Ines Navarro'));
  const host = await launchHost();
  await host.open(page);
  await signInWithEssentials(page, serviceData.takeEssentialsKey(), person);
  const year = new Date().getUTCFullYear();
  const subscriptions = new SubscriptionsPage(page);
  const dialog = page.getByRole('dialog', { name: 'Renew Palisade Essentials' });

  await test.step('the card says plainly that it ends, and Renew now offers each term with its price and new expiry', async () => {
    await subscriptions.open();
    await expect(subscriptions.cards.first()).toContainText(new RegExp(`Ends on .*${year + 1}`));
    await subscriptions.renewButton('Palisade Essentials').click();
    await expect(dialog.getByRole('radio', { name: '1 year · €29.99' })).toBeChecked();
    await expect(dialog.getByRole('radio', { name: '1 year · €29.99' })).toHaveAccessibleDescription(new RegExp(`^Runs until .*${year + 2}$`));
    await expect(dialog.getByRole('radio', { name: '2 years · €54.99' })).toHaveAccessibleDescription(new RegExp(`^Runs until .*${year + 3}$`));
    await expect(dialog.getByRole('radio', { name: '3 years · €77.99' })).toHaveAccessibleDescription(new RegExp(`^Runs until .*${year + 4}$`));
    await expectNoAxeViolations(page, 'renew now, the terms');
    await expectFitsAt320(page, 'renew now, the terms');
  });

  await test.step('with the keyboard: two years, then a new card, brand recognised as typed', async () => {
    await dialog.getByRole('radio', { name: '2 years · €54.99' }).check();
    await dialog.getByRole('button', { name: 'Next' }).press('Enter');
    // No card yet: the form is there at once.
    const form = new CardForm(dialog);
    await expect(form.number).toBeVisible();
    await form.number.pressSequentially('4242');
    await expect(form.brand).toHaveText('Card type: Visa');
    await form.number.fill('');
    await expectNoAxeViolations(page, 'renew now, a new card');
    await form.add({ number: testCards.succeeds, holder: 'Ines Navarro' });
  });

  await test.step('confirm says what is paid, with which card, and until when', async () => {
    await expect(dialog.getByText(new RegExp(`^You’ll pay €54\\.99 with Visa ••4242\\. Palisade Essentials then runs until .*${year + 3}\\.$`))).toBeVisible();
    await expectNoAxeViolations(page, 'renew now, confirm');
    await expectFitsAt320(page, 'renew now, confirm');
    await dialog.getByRole('button', { name: 'Pay €54.99' }).click();
  });

  let invoiceNumber = '';
  await test.step('the receipt: renewed, the new date, and the invoice to save', async () => {
    await expect(dialog.getByRole('heading', { name: 'Palisade Essentials is renewed' })).toBeFocused();
    await expect(dialog.getByText(new RegExp(`^It now runs until .*${year + 3}\\.`))).toBeVisible();
    const line = dialog.getByText(/^Invoice PAL-\d{4}-\d{6}: €54\.99$/);
    await expect(line).toBeVisible();
    invoiceNumber = /PAL-\d{4}-\d{6}/.exec((await line.textContent()) ?? '')![0];
    await expectNoAxeViolations(page, 'renew now, the receipt');
    await dialog.getByRole('button', { name: `Save invoice ${invoiceNumber} to Downloads` }).click();
    const fileName = `Palisade-invoice-${invoiceNumber}.pdf`;
    await expect(dialog.getByRole('status').filter({ hasText: fileName })).toHaveText(`Saved ${fileName} in your Downloads folder.`);
    const saved = join(host.home, 'Downloads', fileName);
    expect(existsSync(saved)).toBe(true);
    await qpdfCheck(saved);
    await dialog.getByRole('button', { name: 'Done' }).click();
  });

  await test.step('the subscription now ends three years from now, and the receipt e-mail came with the invoice', async () => {
    await expect(dialog).toBeHidden();
    await expect(subscriptions.cards.first()).toContainText(new RegExp(`Ends on .*${year + 3}`));
    await expectFitsAt320(page, 'subscriptions, with Renew now and Add more devices');
    const mail = await smtp.waitForMessage(person.email, { subject: new RegExp(`Your Palisade receipt ${invoiceNumber}`), timeoutMs: 30_000 });
    expect(mail.text).toContain('Visa ••4242');
    expect(mail.raw).toMatch(/Content-Type: application\/pdf/i);
    expect(mail.raw).not.toContain('4242424242424242');
  });
});
