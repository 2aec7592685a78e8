import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../electron/services/api/api-client';
import { ApiFailure, parseRetryAfter, readEnvelope } from '../../../electron/services/api/api-failure';
import { accountSchema } from '../../../shared/api/account';
import { errorDetails } from '../../../shared/errors';
import { closedPortUrl, errorBody, json, type LocalService, startLocalService } from './support/local-service';

let service: LocalService;
beforeEach(async () => {
  service = await startLocalService();
});
afterEach(async () => {
  await service.close();
});

async function failureOf(promise: Promise<unknown>): Promise<ApiFailure> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiFailure);
  return error as ApiFailure;
}

const fast = { retryBaseDelayMs: 1, retryMaxDelayMs: 2 } as const;

describe('HTTP errors become shared error codes', () => {
  it('passes the service code, message and details through', async () => {
    service.route('POST', '/v1/devices', (_h, res) => json(res, 409, errorBody('CONFLICT', 'That machine is a device already.')));
    const client = createApiClient({ baseUrl: service.url, ...fast });
    const failure = await failureOf(client.request({ method: 'POST', path: '/v1/devices', body: {} }));
    expect(failure.toError()).toEqual({ code: 'CONFLICT', message: 'That machine is a device already.' });
    expect(failure.status).toBe(409);
  });

  it('reads retryAfterSeconds of a lockout from details', async () => {
    service.route('POST', '/v1/auth/login', (_h, res) =>
      json(res, 423, errorBody('ACCOUNT_LOCKED', 'Locked.', { retryAfterSeconds: 897 })),
    );
    const client = createApiClient({ baseUrl: service.url, ...fast });
    const failure = await failureOf(client.request({ method: 'POST', path: '/v1/auth/login', body: {} }));
    expect(failure.code).toBe('ACCOUNT_LOCKED');
    expect(failure.retryAfterSeconds).toBe(897);
  });

  it('reads retryAfterSeconds of a rate limit from the Retry-After header', async () => {
    service.route('POST', '/v1/auth/password/forgot', (_h, res) =>
      json(res, 429, errorBody('RATE_LIMITED', 'Slow down.'), { 'Retry-After': '42' }),
    );
    const client = createApiClient({ baseUrl: service.url, ...fast });
    const failure = await failureOf(client.request({ method: 'POST', path: '/v1/auth/password/forgot', body: {} }));
    expect(failure.toError()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 42 });
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 1, 0)).toUTCString(), Date.UTC(2030, 0, 1))).toBe(60);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('keeps a code this version does not know as UNRECOGNISED, with the service message and code', async () => {
    service.route('POST', '/v1/subscriptions/activate', (_h, res) =>
      json(res, 409, errorBody('PLAN_RETIRED', 'This plan is no longer sold.', { planId: 'family' })),
    );
    const client = createApiClient({ baseUrl: service.url, ...fast });
    const failure = await failureOf(client.request({ method: 'POST', path: '/v1/subscriptions/activate', body: {} }));
    expect(failure.toError()).toEqual({
      code: 'UNRECOGNISED',
      message: 'This plan is no longer sold.',
      details: { planId: 'family', serviceCode: 'PLAN_RETIRED' },
    });
    expect(failure.status).toBe(409);
    expect(errorDetails(failure.toError(), 'UNRECOGNISED')?.serviceCode).toBe('PLAN_RETIRED');
  });

  it('reads an envelope of any known code, and ignores one that is not an envelope', () => {
    expect(readEnvelope({ error: { code: 'KEY_UNKNOWN', message: 'No such key.' } })).toEqual({ code: 'KEY_UNKNOWN', message: 'No such key.' });
    expect(readEnvelope({ error: { code: 'BRAND_NEW', message: 'New.' } })).toEqual({
      code: 'UNRECOGNISED',
      message: 'New.',
      details: { serviceCode: 'BRAND_NEW' },
    });
    expect(readEnvelope('<h1>Bad gateway</h1>')).toBeNull();
    expect(readEnvelope({ error: { code: '', message: 'x' } })).toBeNull();
  });

  it('maps a status without the error envelope by its number', async () => {
    service.route('GET', '/v1/account', (_h, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    });
    service.route('DELETE', '/v1/thing', (_h, res) => json(res, 413, { nope: true }));
    const client = createApiClient({ baseUrl: service.url, retries: 0 });
    expect((await failureOf(client.request({ method: 'GET', path: '/v1/account' }))).code).toBe('INTERNAL');
    expect((await failureOf(client.request({ method: 'DELETE', path: '/v1/thing' }))).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a 2xx body that does not match the schema', async () => {
    service.route('GET', '/v1/account', (_h, res) => json(res, 200, { id: 1 }));
    const client = createApiClient({ baseUrl: service.url });
    const failure = await failureOf(client.request({ method: 'GET', path: '/v1/account', schema: accountSchema }));
    expect(failure.code).toBe('UNKNOWN');
  });

  it('says NETWORK_OFFLINE when nothing listens, and tells listeners it is offline', async () => {
    const seen: boolean[] = [];
    const client = createApiClient({ baseUrl: await closedPortUrl(), retries: 0, onOnlineChange: ({ online }) => seen.push(online) });
    const failure = await failureOf(client.request({ method: 'POST', path: '/v1/auth/login', body: {} }));
    expect(failure.code).toBe('NETWORK_OFFLINE');
    expect(client.isOnline()).toBe(false);
    expect(seen).toEqual([false]);
    client.close();
  });

  it('says TIMEOUT when the service does not answer in time', async () => {
    service.route('POST', '/v1/auth/login', () => {
      /* never answers */
    });
    const client = createApiClient({ baseUrl: service.url, timeoutMs: 150 });
    const failure = await failureOf(client.request({ method: 'POST', path: '/v1/auth/login', body: {} }));
    expect(failure.code).toBe('TIMEOUT');
    expect(service.count('POST', '/v1/auth/login')).toBe(1);
  });
});

describe('retries', () => {
  it('retries an idempotent GET after a transient failure, with backoff', async () => {
    let calls = 0;
    service.route('GET', '/v1/account', (_h, res) => {
      calls++;
      if (calls < 3) return json(res, 503, errorBody('INTERNAL', 'Busy'));
      json(res, 200, { id: 'u1', email: 'a@b.test', name: 'A', mfaEnabled: false, createdAt: '2026-01-01T00:00:00Z' });
    });
    const client = createApiClient({ baseUrl: service.url, ...fast, retries: 2 });
    const account = await client.request({ method: 'GET', path: '/v1/account', schema: accountSchema });
    expect(account.name).toBe('A');
    expect(calls).toBe(3);
  });

  it('never retries a POST without an Idempotency-Key', async () => {
    service.route('POST', '/v1/auth/signup', (_h, res) => json(res, 503, errorBody('INTERNAL', 'Busy')));
    const client = createApiClient({ baseUrl: service.url, ...fast, retries: 3 });
    await failureOf(client.request({ method: 'POST', path: '/v1/auth/signup', body: {} }));
    expect(service.count('POST', '/v1/auth/signup')).toBe(1);
  });

  it('retries a POST that carries an Idempotency-Key, sending the same key each time', async () => {
    service.route('POST', '/v1/devices', (_h, res) => json(res, 503, errorBody('INTERNAL', 'Busy')));
    const client = createApiClient({ baseUrl: service.url, ...fast, retries: 2 });
    await failureOf(client.request({ method: 'POST', path: '/v1/devices', body: {}, idempotencyKey: 'k-1' }));
    const keys = service.hits.map((h) => h.headers['idempotency-key']);
    expect(keys).toEqual(['k-1', 'k-1', 'k-1']);
  });

  it('does not retry an answer the service meant (4xx)', async () => {
    service.route('GET', '/v1/account', (_h, res) => json(res, 404, errorBody('NOT_FOUND')));
    const client = createApiClient({ baseUrl: service.url, ...fast, retries: 3 });
    await failureOf(client.request({ method: 'GET', path: '/v1/account' }));
    expect(service.count('GET', '/v1/account')).toBe(1);
  });
});

describe('bearer tokens', () => {
  it('on 401 asks for a fresh token once and retries with it', async () => {
    service.route('GET', '/v1/account', (hit, res) => {
      if (hit.headers.authorization === 'Bearer fresh') return json(res, 200, { id: 'u1', email: 'a@b.test', name: 'A', mfaEnabled: false, createdAt: 'x' });
      json(res, 401, errorBody('UNAUTHORIZED', 'Expired'));
    });
    const asked: (string | undefined)[] = [];
    const client = createApiClient({
      baseUrl: service.url,
      getAccessToken: async (o) => {
        asked.push(o?.rejected);
        return o?.rejected ? 'fresh' : 'stale';
      },
    });
    const account = await client.request({ method: 'GET', path: '/v1/account', schema: accountSchema, auth: true });
    expect(account.id).toBe('u1');
    expect(asked).toEqual([undefined, 'stale']);
  });

  it('gives up after one refresh when the fresh token is refused too', async () => {
    service.route('GET', '/v1/account', (_h, res) => json(res, 401, errorBody('UNAUTHORIZED', 'No')));
    let asks = 0;
    const client = createApiClient({ baseUrl: service.url, getAccessToken: async () => `t${++asks}` });
    const failure = await failureOf(client.request({ method: 'GET', path: '/v1/account', auth: true }));
    expect(failure.code).toBe('UNAUTHORIZED');
    expect(asks).toBe(2);
    expect(service.count('GET', '/v1/account')).toBe(2);
  });
});
