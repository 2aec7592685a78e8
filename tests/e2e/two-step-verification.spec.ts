import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expectNoAxeViolations } from './support/accessibility';
import { newPerson } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, SecuritySettingsPage, SignInPage, TwoStepSignInPage } from './support/pages';

const run = promisify(execFile);

/** What the person's authenticator app shows now: Debian's oathtool, given the key as typed from the screen. */
async function authenticatorCode(key: string): Promise<string> {
  const { stdout } = await run('oathtool', ['--totp', '--base32', key.replace(/\s+/g, '')]);
  return stdout.trim();
}

/**
 * A code works once (RFC 6238 §5.2), so a second sign-in needs the app's next code: wait
 * for the next 30-second step, as a person waits for the number to change.
 */
async function waitForNextCode(): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  await new Promise((resolve) => setTimeout(resolve, left + 1_000));
}

test('a customer turns on 2-step verification, then signs in with a code from their app and later with a recovery code', async ({
  page,
  launchHost,
  accounts,
}) => {
  // Up to one 30-second wait for the next code, on top of the usual.
  test.setTimeout(180_000);
  const person = await accounts.createConfirmed(newPerson('two-step'));
  const host = await launchHost();
  const signIn = new SignInPage(page);
  const secondStep = new TwoStepSignInPage(page);
  const shell = new AppShell(page);
  const settings = new SecuritySettingsPage(page);
  /** Signed in again, the app returns to the screen they left: Settings. */
  const backOnSettings = async () => {
    await expect(settings.heading).toBeVisible();
    await expect(shell.accountButton).toHaveAccessibleName(person.name);
  };
  let key = '';
  let recoveryCodes: string[] = [];

  await test.step('sign in and open Settings → Security', async () => {
    await host.open(page);
    await signIn.signIn(person.email, person.password);
    await shell.expectGreeting(person.name);
    await settings.open();
    await expect(settings.twoStepStatus).toHaveText('Status: Off');
    await expectNoAxeViolations(page, 'settings');
  });

  await test.step('turn on 2-step verification: scan (or type the key), enter the code, keep the recovery codes', async () => {
    key = await settings.startTurningOn(person.password);
    expect(key).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    // At least 160 bits of secret (RFC 4226 §4): 32 base32 characters.
    expect(key.replace(/\s+/g, '').length).toBeGreaterThanOrEqual(32);
    await expectNoAxeViolations(page, 'turn on 2-step verification: scan');

    recoveryCodes = await settings.confirmWithCode(await authenticatorCode(key));
    expect(recoveryCodes).toHaveLength(10);
    await expectNoAxeViolations(page, 'turn on 2-step verification: recovery codes');

    // Done is refused until the person says they saved the codes.
    await settings.pressDoneUnticked();
    await expect(
      settings.dialog.getByText('You won’t be able to see these codes again.', { exact: false }),
    ).toBeVisible();
    await expect(settings.dialog).toBeVisible();
    await settings.finish();
    await expect(settings.twoStepStatus).toHaveText('Status: On');
    await expect(settings.notice).toContainText('2-step verification is on');
  });

  await test.step('sign out; signing in now asks for a code, and a code from the app lets them in', async () => {
    await shell.signOut();
    await signIn.expectShown();
    await signIn.signIn(person.email, person.password);
    await secondStep.expectShown();
    await expectNoAxeViolations(page, 'sign-in second step');

    await waitForNextCode();
    const code = await authenticatorCode(key);
    // Pasted the way apps copy it, with a space in the middle.
    await secondStep.enterCode(`${code.slice(0, 3)} ${code.slice(3)}`);
    await backOnSettings();
  });

  await test.step('sign out; sign in again with a recovery code instead', async () => {
    await shell.signOut();
    await signIn.expectShown();
    await signIn.signIn(person.email, person.password);
    await secondStep.expectShown();
    await secondStep.enterRecoveryCode(recoveryCodes[0]!);
    await backOnSettings();
  });

  await test.step('that recovery code does not work a second time', async () => {
    await shell.signOut();
    await signIn.signIn(person.email, person.password);
    await secondStep.expectShown();
    await secondStep.enterRecoveryCode(recoveryCodes[0]!);
    await expect(secondStep.alert).toContainText('That recovery code didn’t work.');
    await expectNoAxeViolations(page, 'sign-in second step, with a refused recovery code');
    await secondStep.recoveryCode.fill(recoveryCodes[1]!);
    await secondStep.verify.click();
    await backOnSettings();
  });
});
