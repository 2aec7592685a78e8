import { afterAll, describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectError, movableClock } from '../server/http';
import { type SecurityDesktop, startSecurityDesktop, totpCode } from './security-desktop';

/**
 * The attack, through the desktop app's main process: a stranger types five wrong passwords
 * for the owner's address. The owner's app, which signed in before on this installation,
 * still signs in (its device token, kept across sign-out, is judged by its own count); an
 * app that never signed in here is locked out like the stranger.
 */

const clock = movableClock();
const desktops: SecurityDesktop[] = [];
const { service, smtp, api } = useService({ now: clock.now });
afterAll(() => {
  for (const desktop of desktops) desktop.stop();
});

function desktop(seed: string) {
  const d = startSecurityDesktop(service.url, seed);
  desktops.push(d);
  return d;
}

async function strangerLocks(email: string) {
  for (let i = 1; i <= 4; i++) expectError(await api.post('/v1/auth/login', { email, password: 'not the password at all' }), 401, 'INVALID_CREDENTIALS');
  expectError(await api.post('/v1/auth/login', { email, password: 'not the password at all' }), 423, 'ACCOUNT_LOCKED');
}

describe("a stranger's wrong passwords and the owner's desktop app", () => {
  it('the app that signed in here before still signs in, after signing out too; a new installation is locked out', async () => {
    const owner = await confirmedAccount(api, smtp, 'app-owner');
    const app = desktop('owner-laptop');
    expect(await app.signIn(owner.email, owner.password)).toBe('signedIn');
    await app.value('auth.signOut');

    await strangerLocks(owner.email);

    expect(await desktop('new-computer').call('auth.signIn', { email: owner.email, password: owner.password })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED', retryAfterSeconds: 900 },
    });
    expect(await app.signIn(` ${owner.email.toUpperCase()}`, owner.password)).toBe('signedIn');
    expect(app.sessions.at(-1)?.user?.email).toBe(owner.email);

    // And again: the token the service handed out at that sign-in is the one kept.
    await app.value('auth.signOut');
    expect(await app.signIn(owner.email, owner.password)).toBe('signedIn');
    // Nothing the renderer was told carries a token.
    expect(JSON.stringify(app.sessions)).not.toMatch(/token/i);
  });

  it('the app passes both steps of a 2-step account that the stranger locked', async () => {
    const owner = await confirmedAccount(api, smtp, 'app-owner-2step');
    const app = desktop('owner-2step');
    expect(await app.signIn(owner.email, owner.password)).toBe('signedIn');
    const setup = await app.value<{ secret: string }>('security.startTotpSetup', { password: owner.password });
    await app.value('security.enableTotp', { code: await totpCode(setup.secret, clock.now()) });
    clock.advance(30_000);
    await app.value('auth.signOut');

    // The sign-in that turned 2-step on left a token; a sign-in through both steps leaves the next one.
    expect(await app.signIn(owner.email, owner.password)).toBe('mfaRequired');
    await app.value('auth.verifyMfa', { code: await totpCode(setup.secret, clock.now()) });
    clock.advance(30_000);
    await app.value('auth.signOut');

    await strangerLocks(owner.email);
    expect(await app.signIn(owner.email, owner.password)).toBe('mfaRequired');
    expect(await app.value('auth.verifyMfa', { code: await totpCode(setup.secret, clock.now()) })).toMatchObject({ user: { email: owner.email } });
  });
});
