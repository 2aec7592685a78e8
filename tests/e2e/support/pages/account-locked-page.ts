import { expect, type Locator, type Page } from '@playwright/test';
import { type Copy, english } from '../copy';

/** Account locked, with its countdown (renderer/src/screens/auth/AccountLockedScreen.tsx). */
export class AccountLockedPage {
  readonly heading: Locator;
  /** The `mm:ss` clock. */
  readonly timer: Locator;
  readonly resetPassword: Locator;

  constructor(
    readonly page: Page,
    copy: Copy = english,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: copy.name('Your account is locked for now') });
    this.timer = page.getByRole('timer');
    this.resetPassword = page.getByRole('button', { name: copy.name('Reset your password instead') });
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible();
  }

  /** Seconds left on the clock as shown. */
  async secondsLeft(): Promise<number> {
    const text = (await this.timer.textContent()) ?? '';
    const match = /^(?:(\d+):)?(\d{2}):(\d{2})$/.exec(text.trim());
    if (!match) throw new Error(`The timer shows "${text}", not a clock`);
    return Number(match[1] ?? 0) * 3600 + Number(match[2]) * 60 + Number(match[3]);
  }
}
