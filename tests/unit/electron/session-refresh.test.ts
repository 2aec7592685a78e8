import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAccountApi } from '../../../electron/services/api/account-api';
import { createAppEvents } from '../../../electron/services/events/app-events';
import { createEventHub } from '../../../electron/services/ipc/event-hub';
import { createApiClient } from '../../../electron/services/api/api-client';
import { createIdentityApi } from '../../../electron/services/api/identity-api';
import { createSessionService, type SessionService } from '../../../electron/services/session/session-service';
import { createMemoryVault } from '../../../electron/services/vault/memory-vault';
import type { TokenVault } from '../../../electron/services/vault/token-vault';
import type { SessionState } from '../../../shared/contract/session';
import { errorBody, json, type LocalService, startLocalService } from './support/local-service';

const profile = { id: 'u1', email: 'anna@example.test', name: 'Anna', mfaEnabled: false, createdAt: '2026-01-01T00:00:00Z' };

/**
 * A tiny account service: issues numbered token pairs, accepts only the latest access
 * token, and treats a used refresh token as reuse — like the real one.
 */
function serveIdentity(service: LocalService, opts: { refreshDelayMs?: number; mfa?: boolean } = {}) {
  let serial = 0;
  let currentAccess = '';
  let currentRefresh = '';
  const pair = () => {
    serial++;
    currentAccess = `access-${serial}`;
    currentRefresh = `refresh-${serial}`;
    return { accessToken: currentAccess, refreshToken: currentRefresh, expiresIn: 600 };
  };
  // Like the real one, every completed sign-in hands out a new value of the installation's device token.
  const signedIn = () => ({ ...pair(), deviceToken: `device-${serial}` });
  service.route('POST', '/v1/auth/login', (hit, res) => {
    const body = hit.body as { password: string };
    if (body.password !== 'correct horse') return json(res, 401, errorBody('INVALID_CREDENTIALS'));
    if (opts.mfa) return json(res, 200, { mfaRequired: true, mfaToken: 'mfa-challenge' });
    json(res, 200, signedIn());
  });
  service.route('POST', '/v1/auth/mfa', (hit, res) => {
    const body = hit.body as { mfaToken: string; code: string };
    if (body.mfaToken !== 'mfa-challenge' || body.code !== '123456') return json(res, 401, errorBody('MFA_INVALID'));
    json(res, 200, signedIn());
  });
  service.route('POST', '/v1/auth/refresh', async (hit, res) => {
    if (opts.refreshDelayMs) await new Promise((r) => setTimeout(r, opts.refreshDelayMs));
    const { refreshToken } = hit.body as { refreshToken: string };
    if (refreshToken !== currentRefresh) return json(res, 401, errorBody('REFRESH_REUSED'));
    json(res, 200, pair());
  });
  service.route('POST', '/v1/auth/logout', (_h, res) => json(res, 204));
  service.route('GET', '/v1/account', (hit, res) => {
    if (hit.headers.authorization !== `Bearer ${currentAccess}`) return json(res, 401, errorBody('UNAUTHORIZED'));
    json(res, 200, profile);
  });
  return {
    forgetAccess: () => {
      currentAccess = 'forgotten';
    },
    revokeAll: () => {
      currentRefresh = 'revoked';
      currentAccess = 'revoked';
    },
  };
}

let service: LocalService;
let clock = Date.now();
const changes: SessionState[] = [];

function makeSession(vault: TokenVault = createMemoryVault()): SessionService {
  const events = createAppEvents(createEventHub());
  events.on('session.changed', (s) => changes.push(s));
  const api = createApiClient({ baseUrl: service.url, getAccessToken: (o) => session.accessToken(o), retries: 0 });
  const session: SessionService = createSessionService({
    identity: createIdentityApi(api),
    account: createAccountApi(api),
    vault,
    now: () => clock,
    events,
  });
  return session;
}

beforeEach(async () => {
  service = await startLocalService();
  clock = Date.now();
  changes.length = 0;
});
afterEach(async () => {
  await service.close();
});

describe('single-flight refresh', () => {
  it('20 calls that find the access token expired cause exactly one refresh', async () => {
    serveIdentity(service, { refreshDelayMs: 50 });
    const session = makeSession();
    await session.signIn({ email: profile.email, password: 'correct horse' });
    clock += 11 * 60_000; // past the 10-minute access token

    const results = await Promise.all(Array.from({ length: 20 }, () => session.getAccount()));

    expect(results.every((a) => a.id === 'u1')).toBe(true);
    expect(service.count('POST', '/v1/auth/refresh')).toBe(1);
  });

  it('a 401 to a token that looked valid refreshes once and the call succeeds', async () => {
    const svc = serveIdentity(service);
    const session = makeSession();
    await session.signIn({ email: profile.email, password: 'correct horse' });
    // The service stops accepting the access token early (a key rotation, say); the refresh token is good.
    svc.forgetAccess();
    const accounts = await Promise.all([session.getAccount(), session.getAccount(), session.getAccount()]);
    expect(accounts.map((a) => a.name)).toEqual(['Anna', 'Anna', 'Anna']);
    expect(service.count('POST', '/v1/auth/refresh')).toBe(1);
    expect(service.count('GET', '/v1/account')).toBe(1 + 3 + 3); // sign-in, three refused, three retried
  });

  it('REFRESH_REUSED ends the session, clears the vault and announces it', async () => {
    const svc = serveIdentity(service);
    const vault = createMemoryVault();
    const session = makeSession(vault);
    await session.signIn({ email: profile.email, password: 'correct horse' });
    svc.revokeAll();
    clock += 11 * 60_000;

    await expect(session.getAccount()).rejects.toMatchObject({ code: 'REFRESH_REUSED' });
    expect(await vault.get()).toBeNull();
    expect((await session.state()).user).toBeNull();
    expect(changes.at(-1)).toEqual({ user: null, storage: 'memory' });
  });
});

describe('signing in and out', () => {
  it('keeps the refresh token in the vault and returns only the user', async () => {
    serveIdentity(service);
    const vault = createMemoryVault();
    const session = makeSession(vault);
    const outcome = await session.signIn({ email: profile.email, password: 'correct horse' });
    expect(outcome).toEqual({
      status: 'signedIn',
      session: { user: { id: 'u1', email: profile.email, name: 'Anna', mfaEnabled: false }, storage: 'memory' },
    });
    expect(JSON.stringify(outcome)).not.toMatch(/access-|refresh-/);
    expect(await vault.get()).toBe('refresh-1');
  });

  it('holds the MFA token itself and finishes with the code', async () => {
    serveIdentity(service, { mfa: true });
    const session = makeSession();
    expect(await session.signIn({ email: profile.email, password: 'correct horse' })).toEqual({ status: 'mfaRequired' });
    await expect(session.verifyMfa('000000')).rejects.toMatchObject({ code: 'MFA_INVALID' });
    const state = await session.verifyMfa('123456');
    expect(state.user?.name).toBe('Anna');
  });

  it('restores the session from the vault at start, and state() waits for it', async () => {
    serveIdentity(service);
    const vault = createMemoryVault();
    await makeSession(vault).signIn({ email: profile.email, password: 'correct horse' });

    const next = makeSession(vault); // a new launch with the same vault
    void next.start();
    expect((await next.state()).user?.id).toBe('u1');
    expect(await vault.get()).toBe('refresh-2'); // rotated by the restore
  });

  it('signs out locally and on the service', async () => {
    serveIdentity(service);
    const vault = createMemoryVault();
    const session = makeSession(vault);
    await session.signIn({ email: profile.email, password: 'correct horse' });
    await session.signOut();
    expect(await vault.get()).toBeNull();
    expect(service.hits.find((h) => h.path === '/v1/auth/logout')?.body).toEqual({ refreshToken: 'refresh-1' });
    await expect(session.getAccount()).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('accepts a pasted confirmation link and refuses text without a token', async () => {
    service.route('POST', '/v1/auth/confirm', (_h, res) => json(res, 200, {}));
    const session = makeSession();
    await session.confirmEmail('  https://palisade.example/confirm?token=abcdefghijklmnop1234  ');
    expect(service.hits.at(-1)?.body).toEqual({ token: 'abcdefghijklmnop1234' });
    await expect(session.confirmEmail('hello there')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });
});

describe("the installation's device token", () => {
  const logins = () => service.hits.filter((h) => h.path === '/v1/auth/login').map((h) => (h.body as { deviceToken?: string }).deviceToken);

  it('is sent at the next sign-in, also after signing out: it belongs to the installation, not the session', async () => {
    serveIdentity(service);
    const vault = createMemoryVault();
    const session = makeSession(vault);
    await session.signIn({ email: profile.email, password: 'correct horse' });
    expect(await vault.deviceToken(profile.email)).toBe('device-1');

    await session.signOut();
    expect(await vault.get()).toBeNull();
    expect(await vault.deviceToken(profile.email)).toBe('device-1');

    await session.signIn({ email: ` ${profile.email.toUpperCase()}`, password: 'correct horse' });
    expect(logins()).toEqual([undefined, 'device-1']);
    // The service handed out the next value; the vault keeps that one.
    expect(await vault.deviceToken(profile.email)).toBe('device-2');
  });

  it('is kept per account, so each account is sent its own', async () => {
    serveIdentity(service);
    const vault = createMemoryVault();
    const session = makeSession(vault);
    await session.signIn({ email: 'anna@example.test', password: 'correct horse' });
    await session.signOut();
    await session.signIn({ email: 'bob@example.test', password: 'correct horse' });
    await session.signOut();
    await session.signIn({ email: 'Anna@Example.test', password: 'correct horse' });
    await session.signIn({ email: 'bob@example.test', password: 'correct horse' });
    expect(logins()).toEqual([undefined, undefined, 'device-1', 'device-2']);
  });

  it('is sent even with a wrong password, and a refused sign-in keeps it', async () => {
    serveIdentity(service);
    const vault = createMemoryVault();
    const session = makeSession(vault);
    await session.signIn({ email: profile.email, password: 'correct horse' });
    await session.signOut();
    await expect(session.signIn({ email: profile.email, password: 'wrong horse' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(logins()).toEqual([undefined, 'device-1']);
    expect(await vault.deviceToken(profile.email)).toBe('device-1');
  });

  it('comes from the second step when 2-step verification is on, for the account that started the sign-in', async () => {
    serveIdentity(service, { mfa: true });
    const vault = createMemoryVault();
    const session = makeSession(vault);
    await session.signIn({ email: profile.email, password: 'correct horse' });
    expect(await vault.deviceToken(profile.email)).toBeNull();
    await session.verifyMfa('123456');
    expect(await vault.deviceToken(profile.email)).toBe('device-1');
    await session.signOut();
    await session.signIn({ email: profile.email, password: 'correct horse' });
    expect(logins()).toEqual([undefined, 'device-1']);
  });

  it('never reaches the renderer', async () => {
    serveIdentity(service);
    const session = makeSession();
    const outcome = await session.signIn({ email: profile.email, password: 'correct horse' });
    expect(JSON.stringify([outcome, changes, await session.state()])).not.toContain('device-');
  });
});
