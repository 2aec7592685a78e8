import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { newPerson } from './support/accounts';
import { expect } from './support/fixtures';
import { AppShell, SignInPage } from './support/pages';
import { ActivateProductPage } from './support/pages/activate-product-page';
import { ThisComputerPage } from './support/pages/this-computer-page';
import { test } from './support/product-keys';
import { readScreen } from './support/screen-texts';

/** The in-page measurement, evaluated as it is (it needs the DOM, which the Node type check lacks). */
const overflowCollector = readFileSync(new URL('./support/overflows.page.js', import.meta.url), 'utf8');

// A narrow window: 320 CSS pixels is what 1280 px at 400 % zoom leaves (WCAG 1.4.10, reflow).
test.use({ viewport: { width: 320, height: 640 } });

/** A name as long as a device name may be (64), with no place to break: it must wrap anywhere, or be cut with its whole self in a title. */
const longName = 'Arbeitszimmer-Rechner-der-Familie-Morgenstern-im-Obergeschoss-li';

interface Overflow {
  where: string;
  why: string;
}

/** What sticks out of the window (see overflows.page.js). */
async function overflows(page: Page): Promise<Overflow[]> {
  return page.evaluate(overflowCollector) as Promise<Overflow[]>;
}

/** Nothing overflows and nothing is clipped; a text cut short with an ellipsis is fine only when its title says it all. */
async function expectFits(page: Page, screen: string): Promise<void> {
  await page.waitForTimeout(200);
  expect.soft(await overflows(page), `what sticks out on "${screen}"`).toEqual([]);
  const { clipped } = await readScreen(page);
  const titled = await page.locator('[title]').evaluateAll((elements) => elements.map((el) => el.getAttribute('title') ?? ''));
  const cut = clipped.filter((c) => !titled.includes(c.text)).map((c) => `${c.where}: "${c.text}" — ${c.why}`);
  expect.soft(cut, `clipped on "${screen}"`).toEqual([]);
}

test('a 320 px window keeps device names and buttons on the screen: this computer and the devices list', async ({
  page,
  launchHost,
  accounts,
  serviceData,
}, testInfo) => {
  const key = serviceData.takeEssentialsKey();
  const person = await accounts.createConfirmed(newPerson('narrow-window', 'Mara Lindqvist'));
  const host = await launchHost({ args: ['--machine-seed', 'narrow-laptop'] });
  await host.open(page);
  await new SignInPage(page).signIn(person.email, person.password);
  await new AppShell(page).expectGreeting(person.name);

  await page.getByRole('link', { name: 'activate a product key' }).click();
  await new ActivateProductPage(page).activateKey(key);
  await new ActivateProductPage(page).protectThisComputer.click();
  const thisComputer = new ThisComputerPage(page);
  await expectFits(page, 'protect this computer');
  await thisComputer.register(longName);
  await expect(page.getByText(/^This computer is now protected until /)).toBeVisible();
  await expectFits(page, 'this computer, protected');
  await page.screenshot({ path: testInfo.outputPath('this-computer-320.png'), fullPage: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Devices' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('devices-320.png'), fullPage: true });
  // The name is there in full, shown or in the title of a shortened one.
  const name = page.getByRole('main').locator('.device-name').first();
  await expect.soft(name).toBeVisible();
  expect.soft((await name.getAttribute('title')) ?? (await name.textContent())).toBe(longName);
  await expectFits(page, 'devices');
  // Each button, scrolled to, is wholly on the screen: nothing cuts it.
  for (const button of await page.getByRole('main').getByRole('button').all()) {
    await button.scrollIntoViewIfNeeded();
    await expect.soft(button).toBeInViewport({ ratio: 1 });
  }
});
