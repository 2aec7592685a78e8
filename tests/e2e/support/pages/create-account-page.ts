import { expect, type Locator, type Page } from '@playwright/test';
import { type Copy, english } from '../copy';
import type { Person } from '../accounts';

/** Create account (renderer/src/screens/auth/CreateAccountScreen.tsx). */
export class CreateAccountPage {
  readonly heading: Locator;
  readonly name: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly terms: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(
    readonly page: Page,
    copy: Copy = english,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: copy.name('Create your Palisade account') });
    this.name = page.getByLabel(copy.name('Your name'));
    this.email = page.getByLabel(copy.name('E-mail address'));
    this.password = page.getByLabel(copy.name('Password'), { exact: true });
    this.terms = page.getByRole('checkbox', {
      name: copy.pattern(/Terms of Service/, {}, /I agree to the Palisade Terms of Service and Privacy Policy/),
    });
    this.submit = page.getByRole('button', { name: copy.name('Create account'), exact: true });
    this.alert = page.getByRole('main').getByRole('alert');
  }

  async expectShown(): Promise<void> {
    await expect(this.heading).toBeVisible();
  }

  /** Fills in the form, agrees to the terms and presses Create account. */
  async create(person: Person): Promise<void> {
    await this.name.fill(person.name);
    await this.email.fill(person.email);
    await this.password.fill(person.password);
    await this.terms.check();
    await this.submit.click();
  }
}
