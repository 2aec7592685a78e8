import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { confirmedAccount, DAY, expectError, expectTokens, MINUTE, movableClock, signIn } from './http';

const clock = movableClock();

const { smtp, api } = useService({ now: clock.now });

const refresh = (refreshToken: string) => api.post('/v1/auth/refresh', { refreshToken });

describe('staying signed in', () => {
  it('rotates the refresh token on every refresh', async () => {
    const account = await confirmedAccount(api, smtp, 'rotate');
    const first = await signIn(api, account.email, account.password);
    const second = expectTokens(await refresh(first.refreshToken));
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = expectTokens(await refresh(second.refreshToken));
    expect((await api.get('/v1/account', third.accessToken)).status).toBe(200);
  });

  it('revokes the whole family when a used refresh token comes back', async () => {
    const account = await confirmedAccount(api, smtp, 'reuse');
    const first = await signIn(api, account.email, account.password);
    const second = expectTokens(await refresh(first.refreshToken));
    const other = await signIn(api, account.email, account.password); // another device, another family

    expectError(await refresh(first.refreshToken), 401, 'REFRESH_REUSED');
    // The thief's or the owner's newer token: either way the family is over.
    expectError(await refresh(second.refreshToken), 401, 'REFRESH_INVALID');
    expectError(await api.get('/v1/account', second.accessToken), 401, 'UNAUTHORIZED');
    // Other sessions of the account are untouched.
    expectTokens(await refresh(other.refreshToken));
  });

  it('lets only one of two racing refreshes of the same token through', async () => {
    const account = await confirmedAccount(api, smtp, 'race');
    const tokens = await signIn(api, account.email, account.password);
    const answers = await Promise.all([refresh(tokens.refreshToken), refresh(tokens.refreshToken)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });

  it('refuses unknown and expired refresh tokens', async () => {
    expectError(await refresh('x'.repeat(43)), 401, 'REFRESH_INVALID');
    const account = await confirmedAccount(api, smtp, 'expire');
    const tokens = await signIn(api, account.email, account.password);
    clock.advance(31 * DAY);
    expectError(await refresh(tokens.refreshToken), 401, 'REFRESH_INVALID');
  });

  it('expires access tokens after 10 minutes, and a refresh gets a new one', async () => {
    const account = await confirmedAccount(api, smtp, 'access');
    const tokens = await signIn(api, account.email, account.password);
    clock.advance(9 * MINUTE);
    expect((await api.get('/v1/account', tokens.accessToken)).status).toBe(200);
    clock.advance(2 * MINUTE);
    expectError(await api.get('/v1/account', tokens.accessToken), 401, 'UNAUTHORIZED');
    const next = expectTokens(await refresh(tokens.refreshToken));
    expect((await api.get('/v1/account', next.accessToken)).status).toBe(200);
  });

  it('refuses access tokens that are forged or malformed', async () => {
    const account = await confirmedAccount(api, smtp, 'forged');
    const tokens = await signIn(api, account.email, account.password);
    const [header, payload] = tokens.accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: crypto.randomUUID() })).toString('base64url')}.${tokens.accessToken.split('.')[2]}`;
    for (const token of [tampered, 'garbage', `${header}.${payload}.`]) {
      expectError(await api.get('/v1/account', token), 401, 'UNAUTHORIZED');
    }
    expectError(await api.request('GET', '/v1/account', { headers: { authorization: `Basic ${tokens.accessToken}` } }), 401, 'UNAUTHORIZED');
    expectError(await api.get('/v1/account'), 401, 'UNAUTHORIZED');
  });
});

describe('signing out', () => {
  it('ends the session of the refresh token, and its access token with it', async () => {
    const account = await confirmedAccount(api, smtp, 'logout');
    const tokens = await signIn(api, account.email, account.password);
    const logout = await api.post('/v1/auth/logout', { refreshToken: tokens.refreshToken });
    expect(logout.status).toBe(204);
    expect(logout.body).toBeNull();
    expect((await refresh(tokens.refreshToken)).status).toBe(401);
    expectError(await api.get('/v1/account', tokens.accessToken), 401, 'UNAUTHORIZED');
    // Signing out twice, or with a token we never issued, is still fine.
    expect((await api.post('/v1/auth/logout', { refreshToken: tokens.refreshToken })).status).toBe(204);
    expect((await api.post('/v1/auth/logout', { refreshToken: 'never-issued' })).status).toBe(204);
  });

  it('ends every session of the account with logout-all', async () => {
    const account = await confirmedAccount(api, smtp, 'logout-all');
    const laptop = await signIn(api, account.email, account.password);
    const desktop = await signIn(api, account.email, account.password);
    expectError(await api.post('/v1/auth/logout-all'), 401, 'UNAUTHORIZED');
    expect((await api.post('/v1/auth/logout-all', undefined, laptop.accessToken)).status).toBe(204);
    for (const tokens of [laptop, desktop]) {
      expect((await refresh(tokens.refreshToken)).status).toBe(401);
      expectError(await api.get('/v1/account', tokens.accessToken), 401, 'UNAUTHORIZED');
    }
  });
});
