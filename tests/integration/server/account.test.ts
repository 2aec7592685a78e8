import { describe, expect, it } from 'vitest';
import { accountSchema } from '../../../shared/api/account';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectError, expectTokens, signIn } from './http';

const { smtp, api } = useService();

describe('the account', () => {
  it('shows the signed-in account', async () => {
    const account = await confirmedAccount(api, smtp, 'me', 'Morgan Me');
    const tokens = await signIn(api, account.email, account.password);
    const me = accountSchema.parse((await api.get('/v1/account', tokens.accessToken)).body);
    expect(me).toEqual({ id: account.userId, email: account.email, name: 'Morgan Me', mfaEnabled: false, createdAt: expect.any(String) });
    expect(new Date(me.createdAt).toISOString()).toBe(me.createdAt);
    expectError(await api.get('/v1/account'), 401, 'UNAUTHORIZED');
  });

  it('changes the name, and refuses an empty one', async () => {
    const account = await confirmedAccount(api, smtp, 'rename');
    const { accessToken } = await signIn(api, account.email, account.password);
    const renamed = await api.patch('/v1/account', { name: '  Riley Renamed ' }, accessToken);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Riley Renamed' });
    expect((await api.get('/v1/account', accessToken)).body).toMatchObject({ name: 'Riley Renamed' });

    const unchanged = await api.patch('/v1/account', {}, accessToken);
    expect(unchanged.body).toMatchObject({ name: 'Riley Renamed' });
    const details = expectError(await api.patch('/v1/account', { name: '   ' }, accessToken), 400, 'VALIDATION_FAILED');
    expect(details).toMatchObject({ fields: { name: expect.any(String) } });
    expectError(await api.patch('/v1/account', { name: 'Nobody' }), 401, 'UNAUTHORIZED');
  });

  it('changes the password with the current one and ends every other session', async () => {
    const account = await confirmedAccount(api, smtp, 'change');
    const here = await signIn(api, account.email, account.password);
    const elsewhere = await signIn(api, account.email, account.password);

    expectError(await api.post('/v1/account/password', { currentPassword: 'not my password', newPassword: 'a shiny new lighthouse' }, here.accessToken), 401, 'INVALID_CREDENTIALS');
    const weak = expectError(await api.post('/v1/account/password', { currentPassword: account.password, newPassword: 'short' }, here.accessToken), 400, 'WEAK_PASSWORD');
    expect(weak).toMatchObject({ reason: 'too_short', field: 'newPassword' });

    const changed = await api.post('/v1/account/password', { currentPassword: account.password, newPassword: 'a shiny new lighthouse' }, here.accessToken);
    expect(changed.status).toBe(204);

    // This session carries on; the other one is over.
    expect((await api.get('/v1/account', here.accessToken)).status).toBe(200);
    expectTokens(await api.post('/v1/auth/refresh', { refreshToken: here.refreshToken }));
    expectError(await api.get('/v1/account', elsewhere.accessToken), 401, 'UNAUTHORIZED');
    expect((await api.post('/v1/auth/refresh', { refreshToken: elsewhere.refreshToken })).status).toBe(401);

    expectError(await api.post('/v1/auth/login', { email: account.email, password: account.password }), 401, 'INVALID_CREDENTIALS');
    await signIn(api, account.email, 'a shiny new lighthouse');
  });

  it('needs a signed-in user to change the password', async () => {
    expectError(await api.post('/v1/account/password', { currentPassword: 'whatever', newPassword: 'whatever else entirely' }), 401, 'UNAUTHORIZED');
  });
});
