import { expect, type Locator, type Page } from '@playwright/test';

/**
 * This computer's protection: the status card (on the dashboard and on This computer),
 * registering with the seat-limit flow in place, and "Check now"
 * (renderer/src/screens/this-computer/ThisComputerScreen.tsx and RegisterPanel.tsx, renderer/src/screens/devices/SeatLimitPanel.tsx).
 */
export class ThisComputerPage {
  /** The status card's heading: "This computer is protected", "…was deactivated", … */
  readonly status: Locator;
  readonly registerForm: Locator;
  readonly nameField: Locator;
  readonly protectButton: Locator;
  readonly planFull: Locator;
  readonly moveHereButton: Locator;
  readonly checkNow: Locator;

  constructor(readonly page: Page) {
    this.status = page.getByRole('heading', {
      name: /^(This computer (is|isn’t|was)|Your subscription has expired|Not signed in)/,
    });
    this.registerForm = page.getByRole('form', { name: 'Protect this computer' });
    this.nameField = this.registerForm.getByLabel('Name for this computer');
    this.protectButton = this.registerForm.getByRole('button', { name: 'Protect this computer' });
    this.planFull = page.getByRole('heading', { name: 'Your plan is full' });
    this.moveHereButton = page.getByRole('button', { name: 'Move protection here instead' });
    this.checkNow = page.getByRole('button', { name: 'Check now' });
  }

  /** The sidebar's "This computer". */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'This computer' }).click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'This computer' })).toBeVisible();
  }

  /** The screen's announcement after registering, moving or checking (a live status region). */
  async expectNotice(text: string): Promise<void> {
    await expect(this.page.getByRole('main').getByRole('status').filter({ hasText: text })).toHaveText(text);
  }

  async expectState(heading: string | RegExp): Promise<void> {
    await expect(this.status).toHaveText(heading);
  }

  /** Names this computer and presses "Protect this computer". */
  async register(name: string): Promise<void> {
    await this.nameField.fill(name);
    await this.protectButton.click();
  }

  /** In the seat-limit flow: picks the device by name and moves its protection here, confirming. */
  async moveProtectionFrom(deviceName: string, thisName: string): Promise<void> {
    await expect(this.planFull).toBeVisible();
    await this.page.getByRole('radio', { name: new RegExp(`^${escapeRegExp(deviceName)}\\b`) }).check();
    await this.moveHereButton.click();
    const dialog = this.page.getByRole('alertdialog', { name: `Move protection to ${thisName}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Move protection' }).click();
    await expect(dialog).toBeHidden();
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
