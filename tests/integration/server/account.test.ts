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
    expect(me).toEqual({ id: expect.any(String), email: account.email, name: 'Morgan Me', language: 'en', mfaEnabled: false, createdAt: expect.any(String) });
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

    const nothing = expectError(await api.patch('/v1/account', {}, accessToken), 400, 'VALIDATION_FAILED');
    expect(nothing).toEqual({ fields: { body: { code: 'custom', message: expect.any(String) } } });
    const details = expectError(await api.patch('/v1/account', { name: '   ' }, accessToken), 400, 'VALIDATION_FAILED');
    expect(details).toEqual({ fields: { name: { code: 'too_small', minimum: 1, message: expect.any(String) } } });
    expect((await api.get('/v1/account', accessToken)).body).toMatchObject({ name: 'Riley Renamed' });
    expectError(await api.patch('/v1/account', { name: 'Nobody' }), 401, 'UNAUTHORIZED');
  });

  it('changes the language of its e-mails, alone or with the name, and refuses one it does not speak', async () => {
    const account = await confirmedAccount(api, smtp, 'language');
    const { accessToken } = await signIn(api, account.email, account.password);
    const german = await api.patch('/v1/account', { language: 'de' }, accessToken);
    expect(german.status).toBe(200);
    expect(accountSchema.parse(german.body)).toMatchObject({ name: account.name, language: 'de' });
    expect((await api.get('/v1/account', accessToken)).body).toMatchObject({ language: 'de' });

    const both = await api.patch('/v1/account', { name: 'Kim Both', language: 'en' }, accessToken);
    expect(both.body).toMatchObject({ name: 'Kim Both', language: 'en' });

    for (const language of ['fr', 'DE', 'de-DE', '', 7, null]) {
      const details = expectError(await api.patch('/v1/account', { language }, accessToken), 400, 'VALIDATION_FAILED');
      expect(details, JSON.stringify(language)).toEqual({ fields: { language: { code: expect.stringMatching(/^invalid_/), message: expect.any(String) } } });
    }
    expect((await api.get('/v1/account', accessToken)).body).toMatchObject({ name: 'Kim Both', language: 'en' });
    expectError(await api.patch('/v1/account', { language: 'de' }), 401, 'UNAUTHORIZED');
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
