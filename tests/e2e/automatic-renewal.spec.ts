import { expectNoAxeViolations } from './support/accessibility';
import { newPerson } from './support/accounts';
import { BillingSetup, runJobs, signInWithEssentials, testCards } from './support/billing';
import { expect } from './support/fixtures';
import { BillingPage } from './support/pages/billing-page';
import { test } from './support/product-keys';

test.use({ serviceEnv: { LOG_LEVEL: 'info' } });

test('automatic renewal: on says when and with which card, off says protection continues to the end of the term, each confirmed on screen first and by e-mail after', async ({
  page,
  launchHost,
  accounts,
  serviceData,
  smtp,
}) => {
  const person = await accounts.createConfirmed(newPerson('automatic-renewal', 'Léa Dubois'));
  const host = await launchHost();
  await host.open(page);
  await signInWithEssentials(page, serviceData.takeEssentialsKey(), person);
  const billing = new BillingPage(page);
  const year = new Date().getUTCFullYear();

  await billing.open();
  const toggle = billing.autoRenewSwitch('Palisade Essentials');
  await test.step('without a card it cannot be turned on, and says why', async () => {
    await expect(toggle).toBeDisabled();
    await expect(page.getByText('Add a card above to renew automatically.')).toBeVisible();
    await billing.addCard({ number: testCards.succeeds, holder: 'Léa Dubois' });
    await expect(page.getByText('Visa ••4242 is added.')).toBeVisible();
    await expectNoAxeViolations(page, 'billing, a card');
  });

  await test.step('on: confirmed first, then the state says when and with which card, and an e-mail says the same', async () => {
    await expect(toggle).not.toBeChecked();
    // The switch changes only once the change is confirmed.
    await toggle.click();
    const confirm = page.getByRole('alertdialog', { name: 'Renew Palisade Essentials automatically?' });
    await expect(confirm).toContainText(new RegExp(`A week before .*${year + 1} we’ll charge Visa ••4242 for another year\\.`));
    await expectNoAxeViolations(page, 'turn automatic renewal on');
    await confirm.getByRole('button', { name: 'Turn on automatic renewal' }).click();
    await expect(page.getByText('Automatic renewal is on for Palisade Essentials.')).toBeVisible();
    await expect(toggle).toBeChecked();
    await expect(toggle).toHaveAccessibleDescription(new RegExp(`^Renews on .*${year + 1} with Visa ••4242 €29\\.99 will be charged on `));
    const mail = await smtp.waitForMessage(person.email, { subject: /Automatic renewal of Palisade Essentials is on/, timeoutMs: 30_000 });
    expect(mail.text).toContain('Visa ••4242');
    expect(mail.text).toContain('€29.99');
  });

  await test.step('off: the confirmation says in plain words that protection continues to the end of the term', async () => {
    await toggle.click();
    const confirm = page.getByRole('alertdialog', { name: 'Turn off automatic renewal for Palisade Essentials?' });
    await expect(confirm).toContainText(
      new RegExp(`Palisade Essentials stays active and keeps protecting your devices until .*${year + 1}, the end of the term you have paid for\\. Nothing more will be charged\\.`),
    );
    await expectNoAxeViolations(page, 'turn automatic renewal off');
    // Focus starts on the safe choice.
    await expect(confirm.getByRole('button', { name: 'Keep it on' })).toBeFocused();
    await confirm.getByRole('button', { name: 'Turn off automatic renewal' }).click();
    await expect(page.getByText(new RegExp(`^Automatic renewal is off\\. Palisade Essentials keeps protecting your devices until .*${year + 1}\\.$`))).toBeVisible();
    await expect(toggle).not.toBeChecked();
    await expect(toggle).toHaveAccessibleDescription(new RegExp(`^Ends on .*${year + 1}$`));
    const mail = await smtp.waitForMessage(person.email, { subject: /Automatic renewal of Palisade Essentials is off/, timeoutMs: 30_000 });
    expect(mail.text).toMatch(new RegExp(`Your protection continues until the end of the term you paid for, .*${year + 1}`));
  });

});

// The charge itself is the service's scheduled work (billing's renewal job), run here with `jobs run --now`.
test('a week before the end, the scheduled charge renews it: a receipt e-mail with the invoice, the invoice on the account, a year more', async ({
  page,
  launchHost,
  accounts,
  serviceData,
  service,
  smtp,
}) => {
  const person = await accounts.createConfirmed(newPerson('automatic-charge', 'Léa Dubois'));
  const host = await launchHost();
  await host.open(page);
  await signInWithEssentials(page, serviceData.takeEssentialsKey(), person);
  const billing = new BillingPage(page);
  const year = new Date().getUTCFullYear();
  await billing.open();
  await billing.addCard({ number: testCards.succeeds, holder: 'Léa Dubois' });
  await expect(page.getByText('Visa ••4242 is added.')).toBeVisible();
  const toggle = billing.autoRenewSwitch('Palisade Essentials');
  await test.step('on, and the charge a week before the end', async () => {
    await toggle.click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Turn on automatic renewal' }).click();
    await expect(toggle).toBeChecked();
    const setup = new BillingSetup(service.url);
    await setup.signIn(person.email, person.password);
    const [subscription] = await setup.subscriptions();
    const due = new Date(Date.parse(subscription!.expiresAt) - 6 * 24 * 60 * 60 * 1000);
    await runJobs(serviceData, due);
    const receipt = await smtp.waitForMessage(person.email, { subject: /Your Palisade receipt PAL-\d{4}-\d{6}/, timeoutMs: 30_000 });
    expect(receipt.text).toContain('Your subscription renewed automatically');
    expect(receipt.raw).toMatch(/Content-Type: application\/pdf/i);
    // The run's clock is a year on, so its clean-up ended the sessions of today (this page's
    // too): ask the service afresh. The account has that invoice, and a year more.
    await setup.signIn(person.email, person.password);
    expect(await setup.invoices()).toHaveLength(1);
    const [after] = await setup.subscriptions();
    expect(new Date(after!.expiresAt).getUTCFullYear()).toBe(year + 2);
  });
});
