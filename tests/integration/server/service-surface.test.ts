import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { expectError, expectTokens, linkToken, uniqueEmail } from './http';

const { service, smtp, api } = useService();

describe('the service itself', () => {
  it('reports its health with a database round trip', async () => {
    const health = await api.get('/v1/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok' } });
  });

  it('serves an OpenAPI 3.1 document that lists the identity, account and health routes', async () => {
    const answer = await api.get('/v1/openapi.json');
    expect(answer.status).toBe(200);
    const doc = answer.body as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown; security?: unknown }>> };
    expect(doc.openapi).toMatch(/^3\.1\./);
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    // Later issues add routes; the identity ones must all be there.
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /v1/auth/signup',
        'POST /v1/auth/confirm',
        'POST /v1/auth/login',
        'POST /v1/auth/refresh',
        'POST /v1/auth/logout',
        'POST /v1/auth/logout-all',
        'POST /v1/auth/password/forgot',
        'POST /v1/auth/password/reset',
        'GET /v1/account',
        'PATCH /v1/account',
        'POST /v1/account/password',
        'GET /v1/health',
      ]),
    );
    expect(JSON.stringify(doc.paths['/v1/auth/signup']!.post!.requestBody)).toContain('"email"');
    expect(doc.paths['/v1/account']!.get!.security).toEqual([{ bearerAuth: [] }]);
  });

  it('writes no password, token or secret into its logs', async () => {
    const email = uniqueEmail('quiet');
    const password = 'an unloggable lighthouse';
    await api.post('/v1/auth/signup', { email, password, name: 'Quinn' });
    const { token: confirmToken } = linkToken(await smtp.waitForMessage(email), '/confirm');
    await api.get(`/confirm?token=${confirmToken}`);
    await api.post('/v1/auth/confirm', { token: confirmToken });
    const tokens = expectTokens(await api.post('/v1/auth/login', { email, password }));
    await api.post('/v1/auth/login', { email, password: `${password}!` });
    const next = expectTokens(await api.post('/v1/auth/refresh', { refreshToken: tokens.refreshToken }));
    await api.get('/v1/account', next.accessToken);
    await api.post('/v1/account/password', { currentPassword: password, newPassword: `${password} two` }, next.accessToken);
    await api.post('/v1/auth/password/forgot', { email });
    const { token: resetToken } = linkToken(await smtp.waitForMessage(email, { subject: /reset/i }), '/reset-password');
    await api.post('/v1/auth/password/reset', { token: resetToken, password: `${password} three` });
    await api.post('/v1/auth/logout', { refreshToken: next.refreshToken });

    const logs = service.logs();
    expect(logs).toContain('/v1/auth/login'); // the requests were logged…
    expect(logs).toContain('/confirm?token=[redacted]');
    for (const secret of [password, tokens.accessToken, tokens.refreshToken, next.accessToken, next.refreshToken, confirmToken, resetToken]) {
      expect(logs).not.toContain(secret); // …without what they carried
    }
    expect(logs).not.toMatch(/authorization/i);
  });
});

describe('rate limits', () => {
  const { api: limitedApi } = useService({ env: { AUTH_RATE_LIMIT: '3' }, smtp: false });

  it('answers 429 RATE_LIMITED with Retry-After past AUTH_RATE_LIMIT a minute, per route', async () => {
    const forgot = () => limitedApi.post('/v1/auth/password/forgot', { email: 'someone@example.test' });
    for (let i = 0; i < 3; i++) expect((await forgot()).status).toBe(202);
    const refused = await forgot();
    const details = expectError(refused, 429, 'RATE_LIMITED');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(details?.retryAfterSeconds).toBe(retryAfter);

    // Each route counts on its own, and routes outside /v1/auth are not limited.
    expect((await limitedApi.post('/v1/auth/refresh', { refreshToken: 'nope' })).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await limitedApi.get('/v1/health')).status).toBe(200);
  });
});
