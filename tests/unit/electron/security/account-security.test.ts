import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppServices, type AppServices } from '../../../../electron/services/app-services';
import { createAccountApi } from '../../../../electron/services/api/account-api';
import { createApiClient } from '../../../../electron/services/api/api-client';
import { createIdentityApi } from '../../../../electron/services/api/identity-api';
import { silentLogger } from '../../../../electron/services/log/logger';
import { createSessionService, type SessionService } from '../../../../electron/services/session/session-service';
import { createMemoryVault } from '../../../../electron/services/vault/memory-vault';
import type { TokenVault } from '../../../../electron/services/vault/token-vault';
import type { SessionState } from '../../../../shared/contract/session';
import { errorBody, json, type LocalService, startLocalService } from '../support/local-service';

/**
 * The main process minus Electron (every handler, the session, the API client) against a
 * small stand-in for the account service that keeps just enough state: who is signed in,
 * whether 2-step verification is on, and which sessions exist.
 */
function serveAccount(service: LocalService) {
  const state = { mfaEnabled: false, sessions: ['s-here', 's-desk'], loggedOutAll: false, logoutAllStatus: 204 };
  service.route('POST', '/v1/auth/login', (_hit, res) =>
    state.mfaEnabled ? json(res, 200, { mfaRequired: true, mfaToken: 'challenge' }) : json(res, 200, { accessToken: 'access', refreshToken: 'refresh', expiresIn: 600, deviceToken: 'device' }),
  );
  service.route('POST', '/v1/auth/mfa', (hit, res) => {
    const { code } = hit.body as { code: string };
    if (code !== '123456') return json(res, 401, errorBody('MFA_INVALID'));
    json(res, 200, { accessToken: 'access', refreshToken: 'refresh', expiresIn: 600, deviceToken: 'device' });
  });
  service.route('POST', '/v1/auth/logout', (_hit, res) => json(res, 204));
  service.route('GET', '/v1/account', (_hit, res) =>
    json(res, 200, { id: 'u1', email: 'anna@example.test', name: 'Anna', mfaEnabled: state.mfaEnabled, createdAt: '2026-01-01T00:00:00Z' }),
  );
  service.route('POST', '/v1/account/mfa/totp/setup', (_hit, res) => json(res, 200, { secret: 'JBSWY3DPEHPK3PXP', otpauthUrl: 'otpauth://totp/Palisade:anna?secret=JBSWY3DPEHPK3PXP' }));
  service.route('POST', '/v1/account/mfa/totp/enable', (hit, res) => {
    if ((hit.body as { code: string }).code !== '123456') return json(res, 401, errorBody('MFA_INVALID'));
    state.mfaEnabled = true;
    json(res, 200, { recoveryCodes: Array.from({ length: 10 }, (_, i) => `code-${i}`) });
  });
  service.route('POST', '/v1/account/mfa/totp/disable', (hit, res) => {
    if ((hit.body as { password: string }).password !== 'correct horse') return json(res, 401, errorBody('INVALID_CREDENTIALS'));
    state.mfaEnabled = false;
    json(res, 204);
  });
  service.route('GET', '/v1/account/sessions', (_hit, res) =>
    json(
      res,
      200,
      state.sessions.map((id) => ({ id, deviceName: id === 's-desk' ? null : 'Palisade on Anna’s laptop', createdAt: '2026-01-01T00:00:00Z', lastUsedAt: '2026-01-02T00:00:00Z', current: id === 's-here' })),
    ),
  );
  service.route('DELETE', '/v1/account/sessions/s-desk', (_hit, res) => {
    state.sessions = state.sessions.filter((id) => id !== 's-desk');
    json(res, 204);
  });
  service.route('POST', '/v1/auth/logout-all', (_hit, res) => {
    if (state.logoutAllStatus !== 204) return json(res, state.logoutAllStatus, errorBody('INTERNAL'));
    state.loggedOutAll = true;
    json(res, 204);
  });
  return state;
}

let service: LocalService;
let app: AppServices;
let vault: TokenVault;
let account: ReturnType<typeof serveAccount>;
const pushed: SessionState[] = [];

beforeEach(async () => {
  service = await startLocalService();
  account = serveAccount(service);
  vault = createMemoryVault();
  pushed.length = 0;
  app = createAppServices({
    apiBaseUrl: service.url,
    vault,
    appInfo: { version: '0.1.0', platform: 'linux', host: 'browser' },
    logger: silentLogger,
    openExternal: async () => {},
    retryBaseDelayMs: 1,
  });
  app.events.subscribe((name, payload) => {
    if (name === 'session.changed') pushed.push(payload as SessionState);
  });
  expect(await app.dispatcher.dispatch('auth.signIn', { email: 'anna@example.test', password: 'correct horse' })).toMatchObject({ ok: true });
  pushed.length = 0;
});

afterEach(async () => {
  app.stop();
  await service.close();
});

const call = (channel: string, input: unknown = {}) => app.dispatcher.dispatch(channel, input);

describe('security channels in the main process', () => {
  it('turns 2-step verification on with a pasted code and tells the renderer the account changed', async () => {
    expect(await call('security.startTotpSetup', { password: 'a quiet lighthouse at dawn' })).toMatchObject({ ok: true, value: { secret: 'JBSWY3DPEHPK3PXP' } });

    const enabled = await call('security.enableTotp', { code: ' 123 456 ' });
    expect(enabled).toMatchObject({ ok: true, value: { recoveryCodes: expect.arrayContaining(['code-0', 'code-9']) } });
    expect(service.hits.find((h) => h.path === '/v1/account/mfa/totp/enable')?.body).toEqual({ code: '123456' });
    expect(service.hits.find((h) => h.path === '/v1/account/mfa/totp/enable')?.headers.authorization).toBe('Bearer access');
    expect(pushed.at(-1)?.user?.mfaEnabled).toBe(true);
    expect((await call('session.get')) as unknown).toMatchObject({ ok: true, value: { user: { mfaEnabled: true } } });
  });

  it('refuses a code that is not six digits without asking the service', async () => {
    const answer = await call('security.enableTotp', { code: '12345' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_INPUT' } });
    expect(service.count('POST', '/v1/account/mfa/totp/enable')).toBe(0);
  });

  it('passes a wrong code back as MFA_INVALID and changes nothing', async () => {
    expect(await call('security.enableTotp', { code: '000000' })).toMatchObject({ ok: false, error: { code: 'MFA_INVALID' } });
    expect(pushed).toEqual([]);
  });

  it('turns it off with the password, and the session follows', async () => {
    await call('security.enableTotp', { code: '123456' });
    expect(await call('security.disableTotp', { password: 'wrong' })).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(await call('security.disableTotp', { password: 'correct horse' })).toEqual({ ok: true, value: null });
    expect(pushed.at(-1)?.user?.mfaEnabled).toBe(false);
  });

  it('lists sessions, a nameless one included, and ends another one without signing out here', async () => {
    const list = await call('security.listSessions');
    expect(list).toMatchObject({ ok: true, value: [{ id: 's-here', current: true }, { id: 's-desk', deviceName: null, current: false }] });

    expect(await call('security.endSession', { id: 's-desk' })).toEqual({ ok: true, value: { signedOut: false } });
    expect(service.count('DELETE', '/v1/account/sessions/s-desk')).toBe(1);
    expect(await vault.get()).toBe('refresh');
    expect(pushed).toEqual([]);
  });

  it('ending this device’s own session is signing out: the refresh token is revoked and forgotten', async () => {
    expect(await call('security.endSession', { id: 's-here' })).toEqual({ ok: true, value: { signedOut: true } });
    expect(service.hits.find((h) => h.path === '/v1/auth/logout')?.body).toEqual({ refreshToken: 'refresh' });
    expect(service.count('DELETE', '/v1/account/sessions/s-here')).toBe(0);
    expect(await vault.get()).toBeNull();
    expect(pushed.at(-1)).toEqual({ user: null, storage: 'memory' });
  });

  it('signs out everywhere on the service first, then here', async () => {
    expect(await call('security.signOutEverywhere')).toEqual({ ok: true, value: null });
    const hit = service.hits.find((h) => h.path === '/v1/auth/logout-all');
    expect(hit?.headers.authorization).toBe('Bearer access');
    // The real service refuses a POST without a JSON body (415), even on a route that reads none.
    expect(hit?.headers['content-type']).toMatch(/^application\/json/);
    expect(account.loggedOutAll).toBe(true);
    expect(await vault.get()).toBeNull();
    expect(pushed.at(-1)?.user).toBeNull();
    expect(await call('security.listSessions')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('stays signed in when the service could not sign out everywhere, so the person can try again', async () => {
    account.logoutAllStatus = 500;
    expect(await call('security.signOutEverywhere')).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await vault.get()).toBe('refresh');
    expect(pushed).toEqual([]);
  });
});

describe('the second sign-in step in the main process', () => {
  it('strips the spaces of a pasted code before sending it', async () => {
    account.mfaEnabled = true;
    await call('auth.signOut');
    expect(await call('auth.signIn', { email: 'anna@example.test', password: 'correct horse' })).toEqual({ ok: true, value: { status: 'mfaRequired' } });
    const verified = await call('auth.verifyMfa', { code: '123 456' });
    expect(verified).toMatchObject({ ok: true, value: { user: { email: 'anna@example.test', mfaEnabled: true } } });
    expect(service.hits.find((h) => h.path === '/v1/auth/mfa')?.body).toEqual({ mfaToken: 'challenge', code: '123456' });
  });

  it('drops the second step shortly before the service would, so the person is asked to sign in again', async () => {
    account.mfaEnabled = true;
    let clock = Date.now();
    const client = createApiClient({ baseUrl: service.url, getAccessToken: (o) => session.accessToken(o), retries: 0 });
    const session: SessionService = createSessionService({
      identity: createIdentityApi(client),
      account: createAccountApi(client),
      vault: createMemoryVault(),
      now: () => clock,
    });
    const signIn = () => session.signIn({ email: 'anna@example.test', password: 'correct horse' });

    expect(await signIn()).toEqual({ status: 'mfaRequired' });
    clock += 4 * 60_000 + 30_000;
    await expect(session.verifyMfa('000000')).rejects.toMatchObject({ code: 'MFA_INVALID' }); // still sent: the service decides
    clock += 20_000; // 4 min 50 s: the service's 5 minutes are nearly up
    const before = service.count('POST', '/v1/auth/mfa');
    await expect(session.verifyMfa('123456')).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(service.count('POST', '/v1/auth/mfa')).toBe(before);
    client.close();
  });
});
