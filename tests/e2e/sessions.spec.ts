import { expectNoAxeViolations } from './support/accessibility';
import { newPerson } from './support/accounts';
import { expect, test } from './support/fixtures';
import { AppShell, SecuritySettingsPage, SignInPage } from './support/pages';

/** Another device signs in, straight through the service's API as any client could; returns its refresh token. */
async function signInElsewhere(serviceUrl: string, email: string, password: string, deviceName: string): Promise<string> {
  const response = await fetch(new URL('/v1/auth/login', serviceUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, deviceName }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { refreshToken: string }).refreshToken;
}

/** Whether a refresh token still works: the only way the other device learns its session ended. */
async function refreshStatus(serviceUrl: string, refreshToken: string): Promise<number> {
  const response = await fetch(new URL('/v1/auth/refresh', serviceUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  });
  await response.body?.cancel();
  return response.status;
}

test('a customer ends a session on another device from the sessions list, then signs out everywhere', async ({ page, launchHost, accounts, service }) => {
  const person = await accounts.createConfirmed(newPerson('sessions'));
  const host = await launchHost();
  const signIn = new SignInPage(page);
  const shell = new AppShell(page);
  const settings = new SecuritySettingsPage(page);
  /** Signed in again, the app returns to the screen they left: Settings. */
  const backOnSettings = async () => {
    await expect(settings.heading).toBeVisible();
    await expect(shell.accountButton).toHaveAccessibleName(person.name);
  };

  // Two other devices: one to end from the list, one left for "sign out everywhere".
  const oldLaptop = await signInElsewhere(service.url, person.email, person.password, 'Palisade on the old laptop');
  const tablet = await signInElsewhere(service.url, person.email, person.password, 'Palisade on the tablet');

  await test.step('the sessions list shows this device and the other one', async () => {
    await host.open(page);
    await signIn.signIn(person.email, person.password);
    await shell.expectGreeting(person.name);
    await settings.open();
    await expect(settings.sessions.getByRole('listitem')).toHaveCount(3);
    const here = settings.sessions.getByRole('listitem').filter({ hasText: 'This device' });
    await expect(here).toHaveCount(1);
    await expect(here.getByRole('button')).toHaveCount(0);
    await expect(settings.session('Palisade on the old laptop')).not.toContainText('This device');
    await expectNoAxeViolations(page, 'settings with sessions');
  });

  await test.step('end the old laptop’s session, after confirming', async () => {
    await settings.session('Palisade on the old laptop').getByRole('button', { name: 'End session on Palisade on the old laptop' }).click();
    await expect(settings.confirmation).toContainText('Palisade on the old laptop will be signed out');
    await expectNoAxeViolations(page, 'end session confirmation');
    await settings.confirmation.getByRole('button', { name: 'End session' }).click();
    await expect(settings.confirmation).toHaveCount(0);
    await expect(settings.notice).toHaveText('Palisade on the old laptop is signed out.');
    await expect(settings.session('Palisade on the old laptop')).toHaveCount(0);
    await expect(settings.sessions.getByRole('listitem')).toHaveCount(2);
    // On the old laptop, the session is over: its refresh token no longer works.
    expect(await refreshStatus(service.url, oldLaptop)).toBe(401);
  });

  await test.step('sign out everywhere: back to sign in, and the tablet is signed out too', async () => {
    await settings.signOutEverywhereButton.click();
    await expect(settings.confirmation).toContainText('this one included');
    await settings.confirmation.getByRole('button', { name: 'Sign out everywhere' }).click();
    await signIn.expectShown();
    await expect(shell.accountButton).toHaveCount(0);
    expect(await refreshStatus(service.url, tablet)).toBe(401);
    // Signing in again shows only the new session.
    await signIn.signIn(person.email, person.password);
    await backOnSettings();
    await settings.open();
    await expect(settings.sessions.getByRole('listitem')).toHaveCount(1);
  });
});
