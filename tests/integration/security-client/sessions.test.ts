import { afterAll, describe, expect, it } from 'vitest';
import type { AccountSession } from '../../../shared/contract/security';
import type { SessionState } from '../../../shared/contract/session';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectError, GOOD_PASSWORD } from '../server/http';
import { type SecurityDesktop, startSecurityDesktop } from './security-desktop';

const desktops: SecurityDesktop[] = [];

const { service, smtp, api } = useService();
afterAll(async () => {
  for (const desktop of desktops) desktop.stop();
});

/** One account signed in on two desktop apps ("laptop" and "desktop"). */
async function twoDevices(label: string) {
  const account = await confirmedAccount(api, smtp, label);
  const [laptop, desk] = [startSecurityDesktop(service.url, `${label}-laptop`), startSecurityDesktop(service.url, `${label}-desk`)];
  desktops.push(laptop, desk);
  expect(await laptop.signIn(account.email, account.password)).toBe('signedIn');
  expect(await desk.signIn(account.email, account.password)).toBe('signedIn');
  return { ...account, laptop, desk };
}

const userOf = async (app: SecurityDesktop) => (await app.value<SessionState>('session.get')).user;

/** The app's session is over: a call is refused as signed out (or, if it asks first, as a dead refresh token). */
async function expectSignedOut(app: SecurityDesktop) {
  const answer = await app.call('account.get');
  expect(answer.ok).toBe(false);
  if (!answer.ok) expect(['REFRESH_INVALID', 'NOT_SIGNED_IN']).toContain(answer.error.code);
  expect(await userOf(app)).toBeNull();
}

describe('sessions through the desktop app', () => {
  it('lists both sessions, each app seeing its own as current', async () => {
    const { laptop, desk } = await twoDevices('list');
    const fromLaptop = await laptop.value<AccountSession[]>('security.listSessions');
    const fromDesk = await desk.value<AccountSession[]>('security.listSessions');
    expect(fromLaptop).toHaveLength(2);
    expect(fromLaptop.filter((s) => s.current)).toHaveLength(1);
    expect(fromDesk.filter((s) => s.current)).toHaveLength(1);
    expect(fromLaptop.find((s) => s.current)?.id).toBe(fromDesk.find((s) => !s.current)?.id);
    for (const session of fromLaptop) {
      expect(Number.isNaN(Date.parse(session.createdAt))).toBe(false);
      expect(Number.isNaN(Date.parse(session.lastUsedAt))).toBe(false);
    }
  });

  it('ends another session: that app is signed out at its next call, this one stays', async () => {
    const { laptop, desk } = await twoDevices('end-other');
    const other = (await laptop.value<AccountSession[]>('security.listSessions')).find((s) => !s.current)!;

    expect(await laptop.value('security.endSession', { id: other.id })).toEqual({ signedOut: false });
    expect((await laptop.value<AccountSession[]>('security.listSessions')).map((s) => s.id)).not.toContain(other.id);
    expect(await userOf(laptop)).not.toBeNull();

    // The desk app's tokens no longer work: it ends its session (at once, told by the account's
    // event stream, or at its next call at the latest).
    await expectSignedOut(desk);
    expect(desk.sessions.at(-1)?.user).toBeNull();
  });

  it('ending its own session signs this app out', async () => {
    const { laptop, desk } = await twoDevices('end-own');
    const own = (await laptop.value<AccountSession[]>('security.listSessions')).find((s) => s.current)!;
    expect(await laptop.value('security.endSession', { id: own.id })).toEqual({ signedOut: true });
    expect(await userOf(laptop)).toBeNull();
    expect(await desk.value<AccountSession[]>('security.listSessions')).toHaveLength(1);
  });

  it('signs out everywhere: both apps, and their refresh tokens stop working', async () => {
    const { laptop, desk } = await twoDevices('everywhere');
    expect(await laptop.value('security.signOutEverywhere')).toBeNull();
    expect(await userOf(laptop)).toBeNull();
    expect(laptop.sessions.at(-1)?.user).toBeNull();
    await expectSignedOut(desk);
  });

  it('changing the password keeps this app signed in and ends the other', async () => {
    const { laptop, desk, email } = await twoDevices('password');
    const newPassword = 'an entirely different evening walk';
    expect(await laptop.call('account.changePassword', { currentPassword: 'wrong password', newPassword })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_CREDENTIALS' },
    });
    expect(await laptop.value('account.changePassword', { currentPassword: GOOD_PASSWORD, newPassword })).toBeNull();

    expect(await laptop.value<AccountSession[]>('security.listSessions')).toHaveLength(1);
    expect(await userOf(laptop)).toMatchObject({ email });
    await expectSignedOut(desk);
    expectError(await api.post('/v1/auth/login', { email, password: GOOD_PASSWORD }), 401, 'INVALID_CREDENTIALS');
  });
});
