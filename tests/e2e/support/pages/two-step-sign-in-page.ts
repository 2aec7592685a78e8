import { expect, type Locator, type Page } from '@playwright/test';
import { type Copy, english } from '../copy';
import { submitAndWaitForAnswer } from './answer';

/** The second step of signing in (renderer/src/screens/auth/MfaScreen.tsx). */
export class TwoStepSignInPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly code: Locator;
  readonly recoveryCode: Locator;
  readonly verify: Locator;
  readonly useRecoveryCode: Locator;
  readonly alert: Locator;

  constructor(
    readonly page: Page,
    copy: Copy = english,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: copy.name('Enter your verification code') });
    this.form = page.getByRole('main').locator('form');
    this.code = page.getByLabel(copy.name('Verification code'));
    this.recoveryCode = page.getByLabel(copy.name('Recovery code'));
    this.verify = page.getByRole('button', { name: copy.name('Verify') });
    this.useRecoveryCode = page.getByRole('button', { name: copy.name('Use a recovery code instead') });
    this.alert = page.getByRole('main').getByRole('alert');
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible();
  }

  /** Types the code from the authenticator app and waits for the answer. */
  async enterCode(code: string): Promise<void> {
    await this.code.fill(code);
    await submitAndWaitForAnswer(this.form, this.verify);
  }

  async enterRecoveryCode(code: string): Promise<void> {
    await this.useRecoveryCode.click();
    await this.recoveryCode.fill(code);
    await submitAndWaitForAnswer(this.form, this.verify);
  }
}
