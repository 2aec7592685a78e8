import { expect, type Locator, type Page } from '@playwright/test';

/** Check your e-mail: paste the code or link from the confirmation mail (renderer/src/screens/auth/CheckEmailScreen.tsx). */
export class CheckEmailPage {
  readonly heading: Locator;
  readonly pasted: Locator;
  readonly submit: Locator;
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Check your e-mail' });
    this.pasted = page.getByLabel('Paste the code or the link from the e-mail');
    this.submit = page.getByRole('button', { name: 'Confirm e-mail address' });
    this.alert = page.getByRole('main').getByRole('alert');
  }

  /** The screen, saying where the mail went when `email` is given. */
  async expectShown(email?: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    if (email) await expect(this.page.getByRole('main')).toContainText(`We sent a message to ${email}`);
  }

  /** Pastes what was copied from the mail (the code or the whole link) and confirms. */
  async confirmWith(pasted: string): Promise<void> {
    await this.pasted.fill(pasted);
    await this.submit.click();
  }
}
