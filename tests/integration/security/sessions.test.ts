import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectError, expectTokens, GOOD_PASSWORD } from '../server/http';

const { smtp, api } = useService();

interface SessionRow {
  id: string;
  deviceName: string | null;
  createdAt: string;
  lastUsedAt: string;
  current: boolean;
}

const login = async (email: string, deviceName?: string) =>
  expectTokens(await api.post('/v1/auth/login', { email, password: GOOD_PASSWORD, ...(deviceName && { deviceName }) }));
const sessionsOf = async (accessToken: string): Promise<SessionRow[]> => {
  const answer = await api.get('/v1/account/sessions', accessToken);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as SessionRow[];
};
const endSession = (id: string, accessToken: string) => api.request('DELETE', `/v1/account/sessions/${id}`, { token: accessToken });
const refresh = (refreshToken: string) => api.post('/v1/auth/refresh', { refreshToken });

describe('the session list', () => {
  it('lists each sign-in with its device name and times, exactly one of them current', async () => {
    const { email } = await confirmedAccount(api, smtp, 'list');
    const laptop = await login(email, 'Laptop');
    const phone = await login(email, 'Phone');
    const unnamed = await login(email);

    const fromPhone = await sessionsOf(phone.accessToken);
    expect(fromPhone.map((s) => s.deviceName).sort()).toEqual(['Laptop', 'Phone', null].sort());
    expect(fromPhone.filter((s) => s.current)).toEqual([expect.objectContaining({ deviceName: 'Phone' })]);
    expect((await sessionsOf(laptop.accessToken)).find((s) => s.current)?.deviceName).toBe('Laptop');
    expect((await sessionsOf(unnamed.accessToken)).find((s) => s.current)?.deviceName).toBeNull();
    for (const session of fromPhone) {
      expect(new Date(session.createdAt).toISOString()).toBe(session.createdAt);
      expect(Date.parse(session.lastUsedAt)).toBeGreaterThanOrEqual(Date.parse(session.createdAt));
    }
  });

  it('ending a session makes its refresh token fail and its access token stop working at once', async () => {
    const { email } = await confirmedAccount(api, smtp, 'end');
    const keep = await login(email, 'Keep');
    const end = await login(email, 'End');
    const target = (await sessionsOf(keep.accessToken)).find((s) => s.deviceName === 'End')!;

    expect((await endSession(target.id, keep.accessToken)).status).toBe(204);
    expectError(await api.get('/v1/account', end.accessToken), 401, 'UNAUTHORIZED');
    expectError(await refresh(end.refreshToken), 401, 'REFRESH_INVALID');
    expect((await sessionsOf(keep.accessToken)).map((s) => s.deviceName)).toEqual(['Keep']);
    // Ending it again finds nothing to end.
    expectError(await endSession(target.id, keep.accessToken), 404, 'NOT_FOUND');
    expectTokens(await refresh(keep.refreshToken));
  });

  it('answers 404 for another account’s session and for ids that name nothing, and ends nothing', async () => {
    const mine = await login((await confirmedAccount(api, smtp, 'mine')).email, 'Mine');
    const theirs = await login((await confirmedAccount(api, smtp, 'theirs')).email, 'Theirs');
    const theirId = (await sessionsOf(theirs.accessToken))[0]!.id;
    expectError(await endSession(theirId, mine.accessToken), 404, 'NOT_FOUND');
    expectError(await endSession('not-a-uuid', mine.accessToken), 404, 'NOT_FOUND');
    expectError(await endSession(crypto.randomUUID(), mine.accessToken), 404, 'NOT_FOUND');
    expect((await api.get('/v1/account', theirs.accessToken)).status).toBe(200);
    expectTokens(await refresh(theirs.refreshToken));
  });

  it('ending the current session signs that client out', async () => {
    const { email } = await confirmedAccount(api, smtp, 'own');
    const self = await login(email, 'Self');
    const own = (await sessionsOf(self.accessToken)).find((s) => s.current)!;
    expect((await endSession(own.id, self.accessToken)).status).toBe(204);
    expectError(await api.get('/v1/account/sessions', self.accessToken), 401, 'UNAUTHORIZED');
    expectError(await refresh(self.refreshToken), 401, 'REFRESH_INVALID');
  });
});

describe('signing out everywhere and changing the password', () => {
  it('logout-all ends every session of the account and no other account’s', async () => {
    const { email } = await confirmedAccount(api, smtp, 'all');
    const sessions = [await login(email, 'A'), await login(email, 'B'), await login(email, 'C')];
    const bystander = await login((await confirmedAccount(api, smtp, 'bystander')).email);

    expect((await api.post('/v1/auth/logout-all', {}, sessions[1]!.accessToken)).status).toBe(204);
    for (const tokens of sessions) {
      expectError(await api.get('/v1/account', tokens.accessToken), 401, 'UNAUTHORIZED');
      expectError(await refresh(tokens.refreshToken), 401, 'REFRESH_INVALID');
    }
    expect((await api.get('/v1/account', bystander.accessToken)).status).toBe(200);
    expectError(await api.post('/v1/auth/logout-all', {}), 401, 'UNAUTHORIZED');
  });

  it('changing the password keeps this session and ends the others', async () => {
    const { email } = await confirmedAccount(api, smtp, 'password');
    const here = await login(email, 'Here');
    const there = await login(email, 'There');
    const answer = await api.post('/v1/account/password', { currentPassword: GOOD_PASSWORD, newPassword: 'a brand new walk by the harbour' }, here.accessToken);
    expect(answer.status).toBe(204);
    expect((await sessionsOf(here.accessToken)).map((s) => s.deviceName)).toEqual(['Here']);
    expectError(await refresh(there.refreshToken), 401, 'REFRESH_INVALID');
    expectTokens(await refresh(here.refreshToken));
  });
});

describe('the OpenAPI document', () => {
  it('lists the 2-step verification and session routes, the account ones behind bearer auth', async () => {
    const doc = (await api.get('/v1/openapi.json')).body as { paths: Record<string, Record<string, { security?: unknown }>> };
    const wanted: [string, string][] = [
      ['/v1/auth/mfa', 'post'],
      ['/v1/auth/logout-all', 'post'],
      ['/v1/account/mfa/totp/setup', 'post'],
      ['/v1/account/mfa/totp/enable', 'post'],
      ['/v1/account/mfa/totp/disable', 'post'],
      ['/v1/account/sessions', 'get'],
      ['/v1/account/sessions/{id}', 'delete'],
    ];
    for (const [path, method] of wanted) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(doc.paths['/v1/account/sessions']?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/v1/auth/mfa']?.post?.security).toBeUndefined();
  });
});
