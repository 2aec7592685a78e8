import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname, release, type } from 'node:os';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { planName } from '../../shared/plans';
import { newPerson } from './support/accounts';
import { Copy, english } from './support/copy';
import { expect } from './support/fixtures';
import {
  AccountLockedPage,
  AppShell,
  CheckEmailPage,
  CreateAccountPage,
  SecuritySettingsPage,
  SignInPage,
  TwoStepSignInPage,
} from './support/pages';
import { submitAndWaitForAnswer } from './support/pages/answer';
import { test } from './support/product-keys';
import { AllowedData, englishDatesAndTimes, PseudoLocaleWalk } from './support/screen-texts';

// The browser's first language is the pseudo-locale: every catalogue sentence comes out accented,
// in ⟦ ⟧ and 40 % longer, so English that bypassed the catalogues, and text that would be clipped
// in a longer language, stand out. The window keeps Playwright's default size.
test.use({ locale: 'en-XA', actionTimeout: 10_000 });

// Lenient: the walk gets through screens that still show English, and reports that English.
const copy = new Copy('en-XA', { lenient: true });
const say = (english: string, values?: Record<string, string>) => copy.name(english, values);

const run = promisify(execFile);

/** What an authenticator app shows now for the key as typed from the screen (Debian's oathtool). */
async function authenticatorCode(key: string): Promise<string> {
  const { stdout } = await run('oathtool', ['--totp', '--base32', key.replace(/\s+/g, '')]);
  return stdout.trim();
}

/** Another device signs in straight through the service's API, so Settings lists a second session. */
async function signInElsewhere(serviceUrl: string, email: string, password: string, deviceName: string): Promise<void> {
  const response = await fetch(new URL('/v1/auth/login', serviceUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, deviceName }),
  });
  expect(response.status).toBe(200);
  await response.body?.cancel();
}

/** The sidebar's entries by place (their names are what is under test): Dashboard … Settings. */
const nav = {
  dashboard: 0,
  thisComputer: 1,
  devices: 2,
  subscriptions: 3,
  downloads: 4,
  billing: 5,
  support: 6,
  settings: 7,
} as const;

async function go(page: Page, entry: keyof typeof nav): Promise<void> {
  await new AppShell(page, copy).sidebar.getByRole('link').nth(nav[entry]).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

// Test data a person can tell from the app's own words: names in Cyrillic (no ASCII letters at
// all), so only the e-mail addresses and product keys need an explicit allowance.
const names = {
  person: 'Ёлка Морозова',
  newcomer: 'Мирон Светлов',
  locked: 'Ярослава Тихая',
  laptop: 'Ноутбук',
  laptopRenamed: 'Ноутбук старый',
  desktop: 'Рабочий стол',
  tablet: 'Планшет',
};

/** The two made-up computers (`--machine-seed`): this one, and a second that runs into the seat limit. */
const seeds = ['pseudo-laptop', 'pseudo-desktop'] as const;

/** The operating system as the host names it: the distribution and its release, or the kernel's name and version. */
function operatingSystemNames(): string[] {
  const names = [`${type()} ${release()}`];
  try {
    const osRelease = readFileSync('/etc/os-release', 'utf8');
    const field = (name: string) => new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm').exec(osRelease)?.[1] ?? '';
    names.push(`${field('NAME')} ${field('VERSION_ID')}`.trim());
  } catch {
    // Not Linux: the kernel's name stands.
  }
  return names;
}

test('every screen, signed out and signed in, speaks only the pseudo-locale and clips nothing', async ({
  page,
  browser,
  launchHost,
  accounts,
  service,
  serviceData,
}, testInfo) => {
  test.setTimeout(600_000);
  const person = await accounts.createConfirmed(newPerson('pseudo-walk', names.person));
  const newcomer = newPerson('pseudo-new', names.newcomer);
  const locked = await accounts.createConfirmed(newPerson('pseudo-locked', names.locked));
  await accounts.lock(locked.email);
  const key = serviceData.takeEssentialsKey();

  const allowed = new AllowedData()
    .add(person.email, newcomer.email, locked.email, ...Object.values(names))
    .add(key, key.toLowerCase(), ...key.split('-'))
    // The plan of that key, by the name the service sends: a product name, the same in every language.
    .add(planName('essentials'))
    // What the computers report about themselves: host name and operating system, and the seeds that stand in for their hardware.
    .add(hostname(), ...seeds, ...operatingSystemNames())
    // Sessions keep the name the host gave them at sign-in, in the host's own language (its system's: English here).
    .add(english.say('Palisade (browser) on {host}', { host: hostname() }))
    // "What this computer shares" lists one-way codes of hardware identifiers, in hex.
    .shape('a one-way code', /\b[0-9a-f]{16,}\b/g)
    .shape('a date or time, which Intl writes in English under the pseudo-locale', englishDatesAndTimes());
  const walk = new PseudoLocaleWalk(page, allowed);

  const host = await launchHost({ args: ['--machine-seed', seeds[0]] });
  /** One part of the walk; if it cannot get through, that is a failure, and the walk goes on. */
  const part = async (name: string, body: () => Promise<void>) => {
    try {
      await test.step(name, body);
    } catch (error) {
      walk.missed(name, error);
      // Start the next part from the app's home: sign-in when signed out, the dashboard when signed in.
      if (host.isRunning) {
        await page.keyboard.press('Escape');
        await page.goto(`${host.origin}/`);
      }
    }
  };

  const signIn = new SignInPage(page, copy);
  const createAccount = new CreateAccountPage(page, copy);
  const checkEmail = new CheckEmailPage(page, copy);
  const shell = new AppShell(page, copy);
  const main = page.getByRole('main');
  const firstProblem = main.locator('[aria-invalid="true"], [role="alert"]').first();

  try {
    await part('not connected: a page opened without the launch link', async () => {
      await page.goto(`${host.origin}/`);
      await expect(
        page.getByRole('heading', { level: 1, name: say('This page isn’t connected to Palisade') }),
      ).toBeVisible();
      await walk.check('not connected to Palisade');
    });

    await part('signed out: sign in, and its errors', async () => {
      await host.open(page);
      await signIn.expectShown();
      await walk.check('sign in');
      await signIn.submit.click();
      await expect(firstProblem).toBeVisible();
      await walk.check('sign in, nothing entered');
      await signIn.signIn(person.email, 'не мой пароль');
      await expect(signIn.alert).toBeVisible();
      await walk.check('sign in, wrong password');
    });

    await part('signed out: create an account, check your e-mail', async () => {
      await signIn.createAccountLink.click();
      await createAccount.expectShown();
      await walk.check('create account');
      await createAccount.submit.click();
      await expect(firstProblem).toBeVisible();
      await walk.check('create account, what is missing');
      await createAccount.create(newcomer);
      await checkEmail.expectShown(newcomer.email);
      await walk.check('check your e-mail');
      await checkEmail.confirmWith('12345');
      await expect(firstProblem).toBeVisible();
      await walk.check('check your e-mail, a bad code');
      await page.getByRole('link', { name: say('Back to sign in') }).click();
      await signIn.expectShown();
    });

    await part('signed out: forgot and reset password', async () => {
      await signIn.expectShown();
      await signIn.email.fill(person.email);
      await signIn.forgotPasswordLink.click();
      await expect(page.getByRole('heading', { level: 1, name: say('Reset your password') })).toBeVisible();
      await walk.check('forgot password');
      await page.getByRole('button', { name: say('Send reset link') }).click();
      await expect(page.getByRole('heading', { level: 1, name: say('Check your e-mail') })).toBeVisible();
      await walk.check('forgot password, link sent');
      await page.getByRole('link', { name: say('Enter the code from the e-mail') }).click();
      await expect(page.getByRole('heading', { level: 1, name: say('Choose a new password') })).toBeVisible();
      await walk.check('reset password');
      await main.getByRole('button').last().click();
      await expect(firstProblem).toBeVisible();
      await walk.check('reset password, what is missing');
      await page.getByRole('link', { name: say('Back to sign in') }).click();
      await signIn.expectShown();
    });

    await part('signed out: account locked', async () => {
      await signIn.expectShown();
      await signIn.signIn(locked.email, locked.password);
      await new AccountLockedPage(page, copy).expectShown();
      await walk.check('account locked');
      await page.goto(`${host.origin}/`);
      await signIn.expectShown();
    });

    // A second session on the account, so Settings has one to end.
    await signInElsewhere(service.url, person.email, person.password, names.tablet);

    await part('signed in: dashboard and account menu', async () => {
      await signIn.expectShown();
      await signIn.signIn(person.email, person.password);
      await shell.expectGreeting(person.name);
      await walk.check('dashboard, not protected');
      await shell.openAccountMenu();
      await walk.check('dashboard, account menu');
      await page.keyboard.press('Escape');
      await expect(shell.accountMenu).toBeHidden();
    });

    await part('signed in: this computer, before a subscription', async () => {
      await go(page, 'thisComputer');
      await walk.check('this computer, no subscription');
      await main.locator('summary').click();
      await expect(main.locator('dl dd').first()).toBeVisible();
      await walk.check('this computer, what it shares');
    });

    await part('signed in: subscriptions and activating a product key', async () => {
      await go(page, 'subscriptions');
      await walk.check('subscriptions, none yet');
      await main
        .getByRole('link', { name: say('Activate a product key') })
        .first()
        .click();
      const keyField = page.getByRole('textbox', { name: say('Product key') });
      await expect(keyField).toBeVisible();
      await walk.check('activate a product key');
      await keyField.pressSequentially('12345');
      await page.getByRole('button', { name: say('Activate'), exact: true }).click();
      await expect(firstProblem).toBeVisible();
      await walk.check('activate a product key, incomplete key');
      await keyField.fill('');
      await keyField.pressSequentially(key);
      await page.getByRole('button', { name: say('Activate'), exact: true }).click();
      await expect(
        page.getByRole('heading', {
          name: copy.pattern(/^\{plan\} is now on your account$/, {}, /is now on your account$/),
        }),
      ).toBeVisible();
      await walk.check('activate a product key, added');
      await go(page, 'subscriptions');
      await expect(main.getByRole('meter').first()).toBeVisible();
      await walk.check('subscriptions');
    });

    await part('signed in: protect this computer', async () => {
      await go(page, 'thisComputer');
      const form = page.getByRole('form', { name: say('Protect this computer') });
      await walk.check('this computer, not protected');
      await form.getByLabel(say('Name for this computer')).fill(names.laptop);
      await form.getByRole('button', { name: say('Protect this computer') }).click();
      await expect(page.getByRole('heading', { name: say('This computer is protected') })).toBeVisible();
      await walk.check('this computer, protected');
      await go(page, 'dashboard');
      await expect(page.getByRole('heading', { name: say('This computer is protected') })).toBeVisible();
      await walk.check('dashboard, protected');
    });

    await part('signed in: devices, renaming, deactivating and adding one', async () => {
      await go(page, 'devices');
      await expect(main.getByText(names.laptop, { exact: true }).first()).toBeVisible();
      await walk.check('devices');
      await main.getByRole('button', { name: say('Rename {name}', { name: names.laptop }) }).click();
      await expect(main.getByRole('textbox').first()).toBeFocused();
      await walk.check('devices, renaming');
      await main.getByRole('textbox').first().fill('');
      await page.keyboard.press('Enter');
      await expect(firstProblem).toBeVisible();
      await walk.check('devices, renaming to nothing');
      await main.getByRole('textbox').first().fill(names.laptopRenamed);
      await page.keyboard.press('Enter');
      await expect(main.getByText(names.laptopRenamed, { exact: true }).first()).toBeVisible();
      await walk.check('devices, renamed');
      await main.getByRole('button', { name: say('Deactivate {name}', { name: names.laptopRenamed }) }).click();
      const confirmation = page.getByRole('alertdialog');
      await expect(confirmation).toBeVisible();
      await walk.check('devices, deactivate confirmation');
      await confirmation.getByRole('button', { name: say('Keep it') }).click();
      await expect(confirmation).toBeHidden();

      await main.getByRole('button', { name: say('Add a device') }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      await walk.check('add a device');
      await dialog.getByRole('radio').first().check();
      await walk.check('add a device, kind chosen');
      await dialog.getByRole('button', { name: say('E-mail the link') }).click();
      await expect(dialog.locator('[aria-invalid="true"], [role="alert"]').first()).toBeVisible();
      await walk.check('add a device, no address');
      await dialog.getByRole('button', { name: say('Show the link and a QR code instead') }).click();
      await expect(dialog.getByRole('img').first()).toBeVisible();
      await walk.check('add a device, link and QR code');
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    });

    await part('a second computer: seat limit and moving protection', async () => {
      const otherHost = await launchHost({ args: ['--machine-seed', seeds[1]] });
      const context = await browser.newContext({ locale: 'en-XA' });
      const other = await context.newPage();
      try {
        await otherHost.open(other);
        await new SignInPage(other, copy).signIn(person.email, person.password);
        await new AppShell(other, copy).expectGreeting(person.name);
        await go(other, 'thisComputer');
        const form = other.getByRole('form', { name: say('Protect this computer') });
        await form.getByLabel(say('Name for this computer')).fill(names.desktop);
        await form.getByRole('button', { name: say('Protect this computer') }).click();
        await expect(other.getByRole('heading', { name: say('Your plan is full') })).toBeVisible();
        await walk.check('this computer, seat limit', other);

        await go(other, 'devices');
        await other
          .getByRole('main')
          .getByRole('link', { name: say('Make room for this computer') })
          .click();
        await expect(other.getByRole('main').getByRole('radio').first()).toBeVisible();
        await walk.check('make room for this computer', other);
        await go(other, 'devices');
        await other
          .getByRole('main')
          .getByRole('link', { name: say('Move protection to this computer') })
          .click();
        await expect(other.getByRole('main').getByRole('radio').first()).toBeVisible();
        await walk.check('move protection', other);
        await other.getByRole('main').getByRole('radio').first().check();
        await other
          .getByRole('main')
          .getByRole('button', { name: say('Move protection here') })
          .click();
        const confirmation = other.getByRole('alertdialog');
        await expect(confirmation).toBeVisible();
        await walk.check('move protection, confirmation', other);
        await confirmation.getByRole('button', { name: say('Move protection') }).click();
        await expect(confirmation).toBeHidden();
        await expect(other.getByRole('main').getByRole('status').filter({ hasText: /\S/ }).first()).toBeVisible();
        await walk.check('move protection, done', other);
      } finally {
        await context.close();
      }
    });

    await part('signed in: this computer learns it was deactivated', async () => {
      await go(page, 'thisComputer');
      await page.getByRole('button', { name: say('Check now') }).click();
      await expect(
        page.getByRole('heading', {
          name: copy.pattern(/^This computer was deactivated$/, {}, /^This computer was (deactivated|removed)/),
        }),
      ).toBeVisible();
      await walk.check('this computer, deactivated elsewhere');
      await go(page, 'dashboard');
      await walk.check('dashboard, deactivated elsewhere');
    });

    const settings = new SecuritySettingsPage(page, copy);
    await part('signed in: settings, sessions and password', async () => {
      await go(page, 'settings');
      await expect(settings.sessions.getByRole('listitem').first()).toBeVisible();
      await walk.check('settings');
      await main.getByRole('button', { name: say('End session on {name}', { name: names.tablet }) }).click();
      const confirmation = page.getByRole('alertdialog');
      await expect(confirmation).toBeVisible();
      await walk.check('settings, end a session');
      await confirmation.getByRole('button', { name: say('Cancel') }).click();
      await expect(confirmation).toBeHidden();
      await settings.signOutEverywhereButton.click();
      await expect(confirmation).toBeVisible();
      await walk.check('settings, sign out everywhere');
      await confirmation.getByRole('button', { name: say('Cancel') }).click();
      await expect(confirmation).toBeHidden();

      await main.getByRole('button', { name: say('Change password') }).click();
      await expect(firstProblem).toBeVisible();
      await walk.check('settings, change password with nothing entered');
      await main.getByLabel(say('Current password'), { exact: true }).fill('не тот пароль');
      await main.getByLabel(say('New password'), { exact: true }).fill(`${person.password} и ещё`);
      const changePassword = main.getByRole('button', { name: say('Change password') });
      const form = main.locator('form').filter({ has: page.getByRole('button', { name: say('Change password') }) });
      await submitAndWaitForAnswer(form, changePassword);
      await expect(firstProblem).toBeVisible();
      await walk.check('settings, wrong current password');
    });

    await part('signed in: settings, turning 2-step verification on and off', async () => {
      await go(page, 'settings');
      const secret = await settings.startTurningOn(person.password, () =>
        walk.check('turn on 2-step verification: password'),
      );
      allowed.add(secret, secret.replace(/\s+/g, ''), ...secret.split(/\s+/));
      await walk.check('turn on 2-step verification: scan');
      await settings.dialog.getByRole('button', { name: say('Next') }).click();
      const code = settings.dialog.getByLabel(say('6-digit code'));
      await walk.check('turn on 2-step verification: enter the code');
      await code.fill('000000');
      await settings.dialog.getByRole('button', { name: say('Turn on') }).click();
      await expect(settings.dialog.locator('[aria-invalid="true"], [role="alert"]').first()).toBeVisible();
      await walk.check('turn on 2-step verification: a wrong code');
      await code.fill(await authenticatorCode(secret));
      await settings.dialog.getByRole('button', { name: say('Turn on') }).click();
      const list = settings.dialog.getByRole('list', { name: say('Recovery codes') });
      await expect(list).toBeVisible();
      const codes = await list.getByRole('listitem').allInnerTexts();
      allowed.add(...codes);
      await walk.check('turn on 2-step verification: recovery codes');
      await settings.pressDoneUnticked();
      await walk.check('turn on 2-step verification: codes not saved yet');
      await settings.finish();
      await walk.check('settings, 2-step verification on');
      await settings.turnOffButton.click();
      await expect(settings.dialog).toBeVisible();
      await walk.check('turn off 2-step verification');
      await settings.dialog.getByRole('button', { name: say('Turn off') }).click();
      await expect(settings.dialog.locator('[aria-invalid="true"], [role="alert"]').first()).toBeVisible();
      await walk.check('turn off 2-step verification, no password');
      await settings.dialog.getByRole('button', { name: say('Cancel') }).click();
      await expect(settings.dialog).toBeHidden();
    });

    await part('signed in: downloads, billing and help', async () => {
      for (const entry of ['downloads', 'billing', 'support'] as const) {
        await go(page, entry);
        if (entry === 'support') {
          // Help articles are the service's content, not copy; region, language and day names and
          // the list of languages are Intl's locale data, which is English under the pseudo-locale.
          await expect(page.locator('.help-result-title').first()).toBeVisible();
          const titles = await page.locator('.help-result-title').evaluateAll((spans) => spans.map((span) => span.firstChild?.textContent ?? ''));
          const content = await page.locator('.help-result-snippet span, .help-result-snippet mark, main select option').allInnerTexts();
          allowed.add(...titles, ...content, 'English and German', 'English', 'German', 'UTC');
          allowed.shape('a day range, which Intl writes in English under the pseudo-locale', /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)(–(Mon|Tue|Wed|Thu|Fri|Sat|Sun))?\b/g);
        }
        await walk.check(entry);
      }
    });

    await part('signed out: the second step of signing in', async () => {
      const secondStep = new TwoStepSignInPage(page, copy);
      await shell.signOut();
      await signIn.expectShown();
      await walk.check('sign in, after signing out');
      await signIn.signIn(person.email, person.password);
      await secondStep.expectShown();
      await walk.check('2-step sign-in');
      await secondStep.enterCode('000000');
      await expect(secondStep.alert).toBeVisible();
      await walk.check('2-step sign-in, a wrong code');
      await secondStep.useRecoveryCode.click();
      await expect(secondStep.recoveryCode).toBeVisible();
      await walk.check('2-step sign-in, with a recovery code');
    });

    await part('the app stops: the page says it lost its connection', async () => {
      await host.stop();
      await expect(
        page.getByRole('heading', { level: 1, name: say('Palisade has stopped or lost its connection') }),
      ).toBeVisible();
      await walk.check('Palisade stopped');
    });
  } finally {
    await walk.finish(testInfo);
  }
});
