import { describe, expect, it } from 'vitest';
import { useService } from '../../support/use-service';
import { confirmedAccount, expectError, expectTokens, GOOD_PASSWORD } from '../server/http';

const LIMIT = 3;

/** The address the service stored for the newest session: the sign-in's recorded origin. */
async function recordedOrigin(service: ReturnType<typeof useService>['service']): Promise<string | null> {
  const row = await service.services.db.selectFrom('sessions').select('client_address').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
  return row.client_address;
}

// The attack: a client that makes up a new X-Forwarded-For for every request, to look like
// many clients and never meet a per-address limit, or to plant an address in its sign-in.
describe('without TRUST_PROXY, a forged X-Forwarded-For', () => {
  const { api, service, smtp } = useService({ env: { AUTH_RATE_LIMIT: String(LIMIT) } });

  it('does not escape a rate limit', async () => {
    const forged = (n: number) => ({ json: {}, headers: { 'x-forwarded-for': `203.0.113.${n}` } });
    for (let i = 1; i <= LIMIT; i++) expectError(await api.request('POST', '/v1/auth/password/forgot', forged(i)), 400, 'VALIDATION_FAILED');
    expectError(await api.request('POST', '/v1/auth/password/forgot', forged(LIMIT + 1)), 429, 'RATE_LIMITED');
    expectError(await api.request('POST', '/v1/auth/password/forgot', { json: {} }), 429, 'RATE_LIMITED');
  });

  it('is not the address a sign-in is recorded from', async () => {
    const account = await confirmedAccount(api, smtp, 'forged-origin');
    const login = await api.request('POST', '/v1/auth/login', {
      json: { email: account.email, password: GOOD_PASSWORD, deviceName: 'Laptop' },
      headers: { 'x-forwarded-for': '198.51.100.23' },
    });
    expectTokens(login);
    expect(await recordedOrigin(service)).toBe('127.0.0.1');
  });
});

describe('behind a trusted proxy (TRUST_PROXY=127.0.0.1)', () => {
  const { api, service, smtp } = useService({ env: { AUTH_RATE_LIMIT: String(LIMIT), TRUST_PROXY: '127.0.0.1' } });
  const via = (client: string) => ({ json: {}, headers: { 'x-forwarded-for': client } });

  it('tells two clients apart by their forwarded addresses, and counts each on its own', async () => {
    for (let i = 0; i < LIMIT; i++) expectError(await api.request('POST', '/v1/auth/password/forgot', via('203.0.113.7')), 400, 'VALIDATION_FAILED');
    expectError(await api.request('POST', '/v1/auth/password/forgot', via('203.0.113.7')), 429, 'RATE_LIMITED');
    // The other client behind the same proxy still has its whole allowance.
    expectError(await api.request('POST', '/v1/auth/password/forgot', via('203.0.113.8')), 400, 'VALIDATION_FAILED');
    // The proxy appends the address it saw: what the client put before it is not believed.
    expectError(await api.request('POST', '/v1/auth/password/forgot', via('198.51.100.99, 203.0.113.7')), 429, 'RATE_LIMITED');
  });

  it('records the forwarded client address as the sign-in origin', async () => {
    const account = await confirmedAccount(api, smtp, 'trusted-origin');
    expectTokens(
      await api.request('POST', '/v1/auth/login', {
        json: { email: account.email, password: GOOD_PASSWORD, deviceName: 'Laptop' },
        headers: { 'x-forwarded-for': '198.51.100.23' },
      }),
    );
    expect(await recordedOrigin(service)).toBe('198.51.100.23');
  });
});
