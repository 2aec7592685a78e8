import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { newPerson } from './support/accounts';
import { BillingSetup, expectFitsAt320, qpdfCheck, signInWithEssentials, testCards } from './support/billing';
import { expect } from './support/fixtures';
import { BillingPage } from './support/pages/billing-page';
import { test } from './support/product-keys';

test.use({ serviceEnv: { LOG_LEVEL: 'info' } });

test('an invoice is fetched by the app, not the page: Open and Save put a sound PDF in Downloads, Show in folder says where it is, newest first', async ({
  page,
  launchHost,
  accounts,
  serviceData,
  service,
}) => {
  const person = await accounts.createConfirmed(newPerson('invoice-download', 'Αθηνά Παπαδοπούλου'));
  const host = await launchHost();
  // Everything the page asks for over HTTP: none of it may be the service.
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await host.open(page);
  await signInWithEssentials(page, serviceData.takeEssentialsKey(), person);

  // Two renewals through the service, as another computer could have made them.
  const setup = new BillingSetup(service.url);
  await setup.signIn(person.email, person.password);
  const [subscription] = await setup.subscriptions();
  const card = await setup.addCard(testCards.succeeds, person.name);
  const older = await setup.renew(subscription!.id, card.id, 1);
  const newer = await setup.renew(subscription!.id, card.id, 2);

  const billing = new BillingPage(page);
  await billing.open();
  const downloads = join(host.home, 'Downloads');

  await test.step('newest first', async () => {
    await expect(billing.invoices).toHaveCount(2);
    await expect(billing.invoices.nth(0).getByRole('heading')).toHaveText(newer.invoice.number);
    await expect(billing.invoices.nth(1).getByRole('heading')).toHaveText(older.invoice.number);
  });

  const fileName = `Palisade-invoice-${newer.invoice.number}.pdf`;
  const path = join(downloads, fileName);
  const row = billing.invoices.nth(0);

  await test.step('Open: the browser host cannot open a viewer, so it saves and says where', async () => {
    await row.getByRole('button', { name: `Open invoice ${newer.invoice.number}` }).click();
    await expect(row.getByRole('status')).toHaveText(`Saved ${fileName} in your Downloads folder: open it from there.`);
    expect(existsSync(path)).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await qpdfCheck(path);
  });

  await test.step('Show in folder names the folder; Save again reuses the same file', async () => {
    await row.getByRole('button', { name: `Show invoice ${newer.invoice.number} in its folder` }).click();
    await expect(row.getByRole('status')).toHaveText(`${fileName} is in your Downloads folder: ${path}`);
    await row.getByRole('button', { name: `Save invoice ${newer.invoice.number} to Downloads` }).click();
    await expect(row.getByRole('status')).toHaveText(`Saved ${fileName} in your Downloads folder.`);
    expect(existsSync(join(downloads, `Palisade-invoice-${newer.invoice.number} (2).pdf`))).toBe(false);
  });

  await test.step('the older invoice is a sound PDF too', async () => {
    const olderRow = billing.invoices.nth(1);
    await olderRow.getByRole('button', { name: `Save invoice ${older.invoice.number} to Downloads` }).click();
    await expect(olderRow.getByRole('status')).toHaveText(`Saved Palisade-invoice-${older.invoice.number}.pdf in your Downloads folder.`);
    await qpdfCheck(join(downloads, `Palisade-invoice-${older.invoice.number}.pdf`));
  });

  await test.step('the Billing screen, and adding a card, fit a 320 px window', async () => {
    await expectFitsAt320(page, 'billing, cards and invoices');
    await billing.addCardButton.click();
    await expect(billing.addCardDialog).toBeVisible();
    await expectFitsAt320(page, 'add a card', 1100);
    await page.keyboard.press('Escape');
  });

  expect(requested.filter((url) => url.startsWith(service.url))).toEqual([]);
});
