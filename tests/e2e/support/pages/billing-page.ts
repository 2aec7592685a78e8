import { expect, type Locator, type Page } from '@playwright/test';
import { futureExpiry } from '../billing';

export interface CardEntry {
  number: string;
  expiry?: string;
  cvc?: string;
  holder?: string;
  /** The country's name as the list shows it in English. */
  country?: string;
}

/** The card form, wherever it is shown: the Billing screen's dialog or the renew and upgrade dialogs. */
export class CardForm {
  readonly number: Locator;
  readonly expiry: Locator;
  readonly cvc: Locator;
  readonly holder: Locator;
  readonly country: Locator;
  readonly brand: Locator;
  readonly submit: Locator;

  constructor(readonly scope: Locator) {
    this.number = scope.getByRole('textbox', { name: 'Card number' });
    this.expiry = scope.getByRole('textbox', { name: 'Expiry date (MM/YY)' });
    this.cvc = scope.getByRole('textbox', { name: 'Security code (CVC)' });
    this.holder = scope.getByRole('textbox', { name: 'Name on the card' });
    this.country = scope.getByRole('combobox', { name: 'Billing country' });
    this.brand = scope.getByRole('status').filter({ hasText: /^Card type: / });
    this.submit = scope.getByRole('button', { name: 'Add the card' });
  }

  /** Types the card as a person would (the number digit by digit, so the brand shows as it is typed) and adds it. */
  async add(card: CardEntry): Promise<void> {
    await this.number.pressSequentially(card.number.replace(/ /g, ''));
    await this.expiry.fill(card.expiry ?? futureExpiry().typed);
    await this.cvc.fill(card.cvc ?? '123');
    await this.holder.fill(card.holder ?? 'Robin Fairweather');
    await this.country.selectOption({ label: card.country ?? 'Germany' });
    await this.submit.click();
  }
}

/** Billing (renderer/src/screens/billing/BillingScreen.tsx). */
export class BillingPage {
  readonly heading: Locator;
  readonly addCardButton: Locator;
  readonly addCardDialog: Locator;
  readonly cardForm: CardForm;
  readonly cards: Locator;
  readonly invoices: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Billing' });
    this.addCardButton = page.getByRole('button', { name: 'Add a card' });
    this.addCardDialog = page.getByRole('dialog', { name: 'Add a card' });
    this.cardForm = new CardForm(this.addCardDialog);
    this.cards = page.getByRole('list', { name: 'Your cards' }).getByRole('listitem');
    this.invoices = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /^PAL-\d{4}-\d{6}$/ }) });
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Billing' }).click();
    await expect(this.heading).toBeVisible();
  }

  async addCard(card: CardEntry): Promise<void> {
    await this.addCardButton.click();
    await expect(this.addCardDialog).toBeVisible();
    await this.cardForm.add(card);
  }

  /** The automatic renewal switch of the first subscription of a plan. */
  autoRenewSwitch(plan: string): Locator {
    return this.page.getByRole('switch', { name: new RegExp(`^Renew ${plan} .*automatically$`) });
  }
}

/** Subscriptions (renderer/src/screens/subscriptions/SubscriptionsScreen.tsx), its renew and upgrade buttons. */
export class SubscriptionsPage {
  readonly heading: Locator;
  readonly cards: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Subscriptions' });
    this.cards = page.getByRole('article');
  }

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Subscriptions' }).click();
    await expect(this.heading).toBeVisible();
  }

  renewButton(plan: string): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^Renew ${plan} .*now$`) });
  }

  upgradeButton(plan: string): Locator {
    return this.page.getByRole('button', { name: new RegExp(`^Add more devices to ${plan} `) });
  }
}
