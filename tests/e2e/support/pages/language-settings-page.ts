import { expect, type Locator, type Page } from '@playwright/test';
import type { LanguageChoice } from '../../../../shared/i18n/languages';
import { type Copy, english } from '../copy';

/**
 * Settings → Language (renderer/src/screens/settings/*): "Same as the system (…)", English or
 * Deutsch. Offered as radio buttons or as one list box; this page object takes either.
 */
export class LanguageSettingsPage {
  constructor(readonly page: Page) {}

  /** The Settings screen's heading in the language the app speaks now. */
  heading(copy: Copy = english): Locator {
    return this.page.getByRole('heading', { level: 1, name: copy.say('Settings') });
  }

  /** The sidebar's Settings link; the sidebar's last entry, whatever language it is in. */
  async open(copy: Copy = english): Promise<void> {
    await this.page.getByRole('navigation').first().getByRole('link').last().click();
    await expect(this.heading(copy)).toBeVisible();
  }

  /** What the choice is called in the language the app speaks now; the system's language is named in it too. */
  label(choice: LanguageChoice, copy: Copy, systemLanguage: 'en' | 'de' = 'en'): string {
    if (choice === 'system')
      return copy.say('Same as the system ({language})', { language: copy.say(names[systemLanguage]) });
    return copy.say(names[choice]);
  }

  /** Picks a choice as a person would: its radio button, or its entry in the list box. */
  async choose(choice: LanguageChoice, copy: Copy, systemLanguage: 'en' | 'de' = 'en'): Promise<void> {
    const label = this.label(choice, copy, systemLanguage);
    const radio = this.page.getByRole('main').getByRole('radio', { name: label, exact: true });
    if ((await radio.count()) > 0) {
      await radio.check();
      return;
    }
    await this.page
      .getByRole('main')
      .getByRole('combobox', { name: copy.say('Language') })
      .selectOption({ label });
  }

  /** The choice shown as made. */
  async expectChosen(choice: LanguageChoice, copy: Copy, systemLanguage: 'en' | 'de' = 'en'): Promise<void> {
    const label = this.label(choice, copy, systemLanguage);
    const radio = this.page.getByRole('main').getByRole('radio', { name: label, exact: true });
    if ((await radio.count()) > 0) {
      await expect(radio).toBeChecked();
      return;
    }
    const box = this.page.getByRole('main').getByRole('combobox', { name: copy.say('Language') });
    await expect(box.locator('option:checked')).toHaveText(label);
  }
}

/** The languages by their own names, as Settings lists them. */
const names = { en: 'English', de: 'Deutsch' } as const;
