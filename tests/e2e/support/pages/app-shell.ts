import { expect, type Locator, type Page } from '@playwright/test';
import { type Copy, english } from '../copy';

/** The signed-in frame: header with the account menu, the sidebar, the screen (renderer/src/screens/shell/AppShell.tsx). */
export class AppShell {
  readonly heading: Locator;
  readonly accountButton: Locator;
  readonly accountMenu: Locator;
  readonly sidebar: Locator;

  constructor(
    readonly page: Page,
    private readonly copy: Copy = english,
  ) {
    this.heading = page.getByRole('heading', { level: 1 });
    // The header (banner) holds one button: the account menu, named for the person.
    this.accountButton = page.getByRole('banner').getByRole('button');
    this.accountMenu = page.getByRole('menu', { name: copy.pattern(/^Account: \{/, {}, /^Account: /) });
    this.sidebar = page.getByRole('navigation', { name: copy.name('Main') });
  }

  /** The dashboard, greeting the person by name ("Good morning, Robin Fairweather"). */
  async expectGreeting(name: string): Promise<void> {
    const inEnglish = new RegExp(`^Good (morning|afternoon|evening), ${escapeRegExp(name)}$`);
    await expect(this.heading).toHaveText(
      this.copy === english ? inEnglish : this.copy.pattern(/Good morning, \{name\}/, { name }, inEnglish),
    );
    await expect(this.accountButton).toHaveAccessibleName(name);
  }

  async openAccountMenu(): Promise<void> {
    await this.accountButton.click();
    await expect(this.accountMenu).toBeVisible();
  }

  /** Account menu → Sign out. */
  async signOut(): Promise<void> {
    await this.openAccountMenu();
    await this.accountMenu.getByRole('menuitem', { name: this.copy.name('Sign out') }).click();
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
