import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { type Answer, confirmedAccount, signIn } from './http';

const { api, smtp } = useService();

function expectNotCached(answer: Answer, what: string): void {
  expect(answer.headers.get('cache-control'), what).toBe('no-store');
  expect(answer.headers.get('x-content-type-options'), what).toBe('nosniff');
}

describe('a shared cache keeping account answers', () => {
  it('is told not to store any answer, success, error or 404, and no browser sniffs their type', async () => {
    const account = await confirmedAccount(api, smtp, 'cached');
    const login = await api.post('/v1/auth/login', { email: account.email, password: account.password });
    expect(login.status).toBe(200);
    const tokens = await signIn(api, account.email, account.password);

    const answers: [string, Answer][] = [
      ['sign-in with its tokens', login],
      ['the account', await api.get('/v1/account', tokens.accessToken)],
      ['the sessions', await api.get('/v1/account/sessions', tokens.accessToken)],
      ['the health check', await api.get('/v1/health')],
      ['a 401', await api.get('/v1/account')],
      ['a 400', await api.post('/v1/auth/login', { email: 'not an address' })],
      ['a wrong password', await api.post('/v1/auth/login', { email: account.email, password: 'not the password at all' })],
      ['a 404', await api.get('/v1/no-such-route')],
      ['malformed JSON', await api.request('POST', '/v1/auth/login', { raw: '{', headers: { 'content-type': 'application/json' } })],
      ['a 204', await api.request('POST', '/v1/auth/logout', { json: { refreshToken: tokens.refreshToken }, token: tokens.accessToken })],
    ];
    expect(new Set(answers.map(([, answer]) => answer.status)).size).toBeGreaterThan(4);
    for (const [what, answer] of answers) expectNotCached(answer, `${what} (${answer.status})`);
  });
});
