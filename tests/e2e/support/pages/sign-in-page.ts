import { expect, type Locator, type Page } from '@playwright/test';
import { type Copy, english } from '../copy';
import { submitAndWaitForAnswer } from './answer';

/** Sign in (renderer/src/screens/auth/SignInScreen.tsx). */
export class SignInPage {
  readonly heading: Locator;
  readonly form: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  /** The form's error, e.g. wrong credentials. */
  readonly alert: Locator;
  /** A quiet notice, e.g. "Your e-mail address is confirmed." */
  readonly notice: Locator;
  readonly createAccountLink: Locator;
  readonly forgotPasswordLink: Locator;

  constructor(
    readonly page: Page,
    copy: Copy = english,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: copy.name('Sign in to Palisade') });
    this.form = page.getByRole('main').locator('form');
    this.email = page.getByLabel(copy.name('E-mail address'));
    this.password = page.getByLabel(copy.name('Password'), { exact: true });
    this.submit = page.getByRole('button', { name: copy.name('Sign in'), exact: true });
    this.alert = page.getByRole('main').getByRole('alert');
    this.notice = page.getByRole('main').getByRole('status').filter({ hasText: /\S/ });
    this.createAccountLink = page.getByRole('link', { name: copy.name('Create account') });
    this.forgotPasswordLink = page.getByRole('link', { name: copy.name('Forgot password?') });
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible();
  }

  /** Types the e-mail address and password, presses Sign in and waits for the answer. */
  async signIn(email: string, password: string): Promise<void> {
    await this.email.fill(email);
    await this.password.fill(password);
    await submitAndWaitForAnswer(this.form, this.submit);
  }
}
