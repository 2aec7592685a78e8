import { expect, type Locator, type Page } from '@playwright/test';

/** Activate a product key (renderer/src/screens/subscriptions/ActivateProductKeyScreen.tsx). */
export class ActivateProductPage {
  readonly heading: Locator;
  readonly keyField: Locator;
  readonly activate: Locator;
  /** The plan that was added: "<plan> is now on your account". */
  readonly added: Locator;
  readonly protectThisComputer: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Activate a product key' });
    this.keyField = page.getByRole('textbox', { name: 'Product key' });
    this.activate = page.getByRole('button', { name: 'Activate', exact: true });
    this.added = page.getByRole('heading', { name: /is now on your account$/ });
    this.protectThisComputer = page.getByRole('button', { name: 'Protect this computer' });
  }

  /** Types the key as a person would, and activates it. */
  async activateKey(key: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    await this.keyField.pressSequentially(key);
    await this.activate.click();
  }
}
