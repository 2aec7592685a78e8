import { expect, type Locator, type Page } from '@playwright/test';
import { type Copy, english } from '../copy';

/** Check your e-mail: paste the code or link from the confirmation mail (renderer/src/screens/auth/CheckEmailScreen.tsx). */
export class CheckEmailPage {
  readonly heading: Locator;
  readonly pasted: Locator;
  readonly submit: Locator;
  readonly alert: Locator;
  readonly resend: Locator;
  readonly otherAddress: Locator;

  constructor(
    readonly page: Page,
    private readonly copy: Copy = english,
  ) {
    this.heading = page.getByRole('heading', { level: 1, name: copy.name('Check your e-mail') });
    // Once the screen knows the address, it asks for the e-mail's code first.
    this.pasted = page.getByLabel(copy.name('The code from the e-mail (like 7QX2-M4KD), or its link'));
    this.resend = page.getByRole('button', { name: copy.name('Resend the e-mail') });
    this.otherAddress = page.getByRole('link', { name: copy.name('Use another address') });
    this.submit = page.getByRole('button', { name: copy.name('Confirm e-mail address') });
    this.alert = page.getByRole('main').getByRole('alert');
  }

  /** The screen, saying where the mail went when `email` is given. */
  async expectShown(email?: string): Promise<void> {
    await expect(this.heading).toBeVisible();
    if (email)
      await expect(this.page.getByRole('main')).toContainText(
        this.copy === english ? `If ${email} can be used for a new account, we’ve sent it a link` : email,
      );
  }

  /** Pastes what was copied from the mail (the code or the whole link) and confirms. */
  async confirmWith(pasted: string): Promise<void> {
    await this.pasted.fill(pasted);
    await this.submit.click();
  }
}
