import { afterAll, describe, expect, it } from 'vitest';
import type { SessionState } from '../../../shared/contract/session';
import { useService } from '../../support/use-service';
import { confirmedAccount, GOOD_PASSWORD, movableClock } from '../server/http';
import { type SecurityDesktop, startSecurityDesktop, totpCode } from './security-desktop';

const clock = movableClock();
const desktops: SecurityDesktop[] = [];

const { service, smtp, api } = useService({ now: clock.now });
afterAll(async () => {
  for (const desktop of desktops) desktop.stop();
});

function desktop(seed: string) {
  const d = startSecurityDesktop(service.url, seed);
  desktops.push(d);
  return d;
}

/** A code is accepted once per 30 s step: move the service's clock to the next step before asking for another. */
const nextStep = () => clock.advance(30_000);

/** Signs in on a new desktop and turns 2-step verification on through the IPC channels, as the Settings screen does. */
async function withTwoStep(label: string) {
  const account = await confirmedAccount(api, smtp, label);
  const app = desktop(label);
  expect(await app.signIn(account.email, account.password)).toBe('signedIn');
  const setup = await app.value<{ secret: string; otpauthUrl: string }>('security.startTotpSetup', { password: GOOD_PASSWORD });
  const { recoveryCodes } = await app.value<{ recoveryCodes: string[] }>('security.enableTotp', { code: await totpCode(setup.secret, clock.now()) });
  return { ...account, app, secret: setup.secret, recoveryCodes };
}

describe('2-step verification through the desktop app', () => {
  it('turns on with a code from oathtool; then signing in needs a code, and verifyMfa signs in', async () => {
    const { app, email, password, secret, recoveryCodes } = await withTwoStep('enable');
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // The renderer heard that the account changed.
    expect(app.sessions.at(-1)?.user?.mfaEnabled).toBe(true);
    expect(await app.value<SessionState>('session.get')).toMatchObject({ user: { email, mfaEnabled: true } });

    await app.value('auth.signOut');
    expect(await app.signIn(email, password)).toBe('mfaRequired');
    // Not signed in yet: no user, and nothing that needs one works.
    expect(await app.value<SessionState>('session.get')).toMatchObject({ user: null });
    expect(await app.call('account.get')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });

    nextStep();
    const code = await totpCode(secret, clock.now());
    expect(await app.call('auth.verifyMfa', { code: '000000' === code ? '111111' : '000000' })).toMatchObject({ ok: false, error: { code: 'MFA_INVALID' } });
    const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
    expect(await app.value<SessionState>('auth.verifyMfa', { code: spaced })).toMatchObject({ user: { email, mfaEnabled: true } });
    expect(app.sessions.at(-1)?.user?.email).toBe(email);

    // The same code again, in a new sign-in within the same step, is a replay and is refused.
    await app.value('auth.signOut');
    expect(await app.signIn(email, password)).toBe('mfaRequired');
    expect(await app.call('auth.verifyMfa', { code })).toMatchObject({ ok: false, error: { code: 'MFA_INVALID' } });
  });

  it('takes each recovery code once', async () => {
    const { app, email, password, recoveryCodes } = await withTwoStep('recovery');
    const [first, second] = recoveryCodes as [string, string];
    await app.value('auth.signOut');

    expect(await app.signIn(email, password)).toBe('mfaRequired');
    expect(await app.value<SessionState>('auth.verifyMfa', { code: first })).toMatchObject({ user: { email } });
    await app.value('auth.signOut');

    expect(await app.signIn(email, password)).toBe('mfaRequired');
    expect(await app.call('auth.verifyMfa', { code: first })).toMatchObject({ ok: false, error: { code: 'MFA_INVALID' } });
    expect(await app.value<SessionState>('auth.verifyMfa', { code: second })).toMatchObject({ user: { email } });
  });

  it('refuses a code that is not from now', async () => {
    const { app, email, password, secret } = await withTwoStep('drift');
    await app.value('auth.signOut');
    expect(await app.signIn(email, password)).toBe('mfaRequired');
    const later = await totpCode(secret, new Date(clock.now().getTime() + 90_000));
    expect(await app.call('auth.verifyMfa', { code: later })).toMatchObject({ ok: false, error: { code: 'MFA_INVALID' } });
  });

  it('turns off only with the password; then signing in needs no code', async () => {
    const { app, email, password } = await withTwoStep('disable');
    expect(await app.call('security.disableTotp', { password: 'not the password' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await app.value<SessionState>('session.get')).toMatchObject({ user: { mfaEnabled: true } });

    expect(await app.value('security.disableTotp', { password })).toBeNull();
    expect(app.sessions.at(-1)?.user?.mfaEnabled).toBe(false);
    await app.value('auth.signOut');
    expect(await app.signIn(email, password)).toBe('signedIn');
  });

  it('refuses a wrong code when turning on, and leaves it off', async () => {
    const account = await confirmedAccount(api, smtp, 'wrong-enable');
    const app = desktop('wrong-enable');
    await app.signIn(account.email, account.password);
    const { secret } = await app.value<{ secret: string }>('security.startTotpSetup', { password: GOOD_PASSWORD });
    expect(secret.replace(/=+$/, '').length * 5).toBeGreaterThanOrEqual(160);
    const wrong = await totpCode(secret, new Date(clock.now().getTime() + 10 * 60_000));
    expect(await app.call('security.enableTotp', { code: wrong })).toMatchObject({ ok: false, error: { code: 'MFA_INVALID' } });
    expect(await app.value<SessionState>('session.get')).toMatchObject({ user: { mfaEnabled: false } });
  });
});
