import { expect, type Locator, type Page } from '@playwright/test';
import { type Copy, english } from '../copy';

/** Settings → Security (renderer/src/screens/settings/*). */
export class SecuritySettingsPage {
  readonly heading: Locator;
  readonly twoStepStatus: Locator;
  readonly turnOnButton: Locator;
  readonly turnOffButton: Locator;
  /** The open modal dialog (turning on or off), or the confirmation. */
  readonly dialog: Locator;
  readonly confirmation: Locator;
  readonly sessions: Locator;
  readonly signOutEverywhereButton: Locator;
  readonly notice: Locator;

  constructor(
    readonly page: Page,
    private readonly copy: Copy = english,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: copy.name('Settings') });
    this.twoStepStatus = page.getByText(copy.pattern(/^Status: /, {}, /^Status:/));
    this.turnOnButton = page.getByRole('button', { name: copy.name('Turn on 2-step verification') });
    this.turnOffButton = page.getByRole('button', { name: copy.name('Turn off 2-step verification') });
    this.dialog = page.getByRole('dialog');
    this.confirmation = page.getByRole('alertdialog');
    this.sessions = page.getByRole('list', { name: copy.name('Sessions') });
    this.signOutEverywhereButton = page.getByRole('button', { name: copy.name('Sign out everywhere') });
    // A form's notice (FormNotice), not the standing banners, which are a status region too.
    this.notice = page.getByRole('main').locator('.form-notice[role="status"]');
  }

  /** From anywhere in the shell: the sidebar's Settings link. */
  async open(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: this.copy.name('Main') })
      .getByRole('link', { name: this.copy.name('Settings') })
      .click();
    await expect(this.heading).toBeVisible();
  }

  /**
   * Step 1 of turning it on: the password that unlocks setup, then the dialog with the QR
   * code; returns the key as shown (groups of four). `atPassword` runs while the password
   * step is open (a check of that screen, say).
   */
  async startTurningOn(password: string, atPassword?: () => Promise<void>): Promise<string> {
    await this.turnOnButton.click();
    const passwordField = this.dialog.getByLabel(this.copy.name('Password'), { exact: true });
    await expect(passwordField).toBeFocused();
    await atPassword?.();
    await passwordField.fill(password);
    await this.dialog.getByRole('button', { name: this.copy.name('Continue') }).click();
    await expect(
      this.dialog.getByRole('heading', { name: this.copy.pattern(/^Step 1 of 3/, {}, /Step 1 of 3/) }),
    ).toBeVisible();
    await expect(
      this.dialog.getByRole('img', {
        name: this.copy.pattern(/^QR code to add Palisade/, {}, /QR code to add Palisade/),
      }),
    ).toBeVisible();
    const shown = await this.dialog.locator('.secret-value').innerText();
    return shown;
  }

  /** Step 2: the code from the app; waits for step 3 and returns the recovery codes it shows. */
  async confirmWithCode(code: string): Promise<string[]> {
    await this.dialog.getByRole('button', { name: this.copy.name('Next') }).click();
    await this.dialog.getByLabel(this.copy.name('6-digit code')).fill(code);
    await this.dialog.getByRole('button', { name: this.copy.name('Turn on') }).click();
    const list = this.dialog.getByRole('list', { name: this.copy.name('Recovery codes') });
    await expect(list).toBeVisible();
    return list.getByRole('listitem').allInnerTexts();
  }

  /**
   * Done before the box is ticked: it is aria-disabled (still focusable, so it can say why),
   * which Playwright's click refuses to press; a keyboard user presses it with Enter.
   */
  async pressDoneUnticked(): Promise<void> {
    await this.dialog.getByRole('button', { name: this.copy.name('Done') }).focus();
    await this.page.keyboard.press('Enter');
  }

  /** Step 3: ticks "I have saved them" and presses Done. */
  async finish(): Promise<void> {
    await this.dialog.getByRole('checkbox', { name: this.copy.name('I have saved my recovery codes') }).check();
    await this.dialog.getByRole('button', { name: this.copy.name('Done') }).click();
    await expect(this.dialog).toHaveCount(0);
  }

  /** The row of a session in the list, found by its device name. */
  session(deviceName: string | RegExp): Locator {
    return this.sessions.getByRole('listitem').filter({ hasText: deviceName });
  }
}
