import { describe, expect, it } from 'vitest';
import { validationDetailsSchema } from '../../../shared/validation-details';
import { useService } from '../../support/use-service';
import { expectError } from './http';

const { api } = useService({ smtp: false });

const bodyRoutes = [
  '/v1/auth/signup',
  '/v1/auth/confirm',
  '/v1/auth/login',
  '/v1/auth/refresh',
  '/v1/auth/logout',
  '/v1/auth/password/forgot',
  '/v1/auth/password/reset',
];

const json = { 'content-type': 'application/json' };

describe('bad input is a 4xx, never a 5xx', () => {
  it('answers malformed JSON with 400 VALIDATION_FAILED', async () => {
    for (const path of bodyRoutes) {
      for (const raw of ['{bad', '{"email":', 'nul', '"\\u12"', '\u0000']) {
        expectError(await api.request('POST', path, { headers: json, raw }), 400, 'VALIDATION_FAILED');
      }
    }
  });

  it('answers wrong types and missing fields with the offending fields named', async () => {
    const details = expectError(await api.post('/v1/auth/signup', { email: 42, password: ['x'], name: null }), 400, 'VALIDATION_FAILED');
    expect(Object.keys((details as { fields: object }).fields).sort()).toEqual(['email', 'name', 'password']);
    // Each field's problem is data a client can word itself; the validator's English is only for developers.
    expect(validationDetailsSchema.parse(details).fields).toEqual({
      email: { code: 'invalid_type', message: expect.any(String) },
      password: { code: 'invalid_type', message: expect.any(String) },
      name: { code: 'invalid_type', message: expect.any(String) },
    });
    const bounds = expectError(
      await api.post('/v1/auth/signup', { email: 'not an address', password: 'a quiet lighthouse', name: 'n'.repeat(101) }),
      400,
      'VALIDATION_FAILED',
    );
    expect(bounds).toEqual({
      fields: {
        email: { code: 'invalid_format', format: 'email', message: expect.any(String) },
        name: { code: 'too_big', maximum: 100, message: expect.any(String) },
      },
    });

    const bodies: unknown[] = [{}, [], 'text', 12, true, null, { email: { $gt: '' } }, { token: 1 }, { refreshToken: '' }, { password: 'x'.repeat(2000) }];
    for (const path of bodyRoutes) {
      for (const body of bodies) {
        const answer = await api.request('POST', path, { headers: json, raw: JSON.stringify(body) });
        expect(answer.status, `${path} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
        expect(answer.status, `${path} ${JSON.stringify(body)}`).toBeLessThan(500);
      }
      expectError(await api.request('POST', path), 400, 'VALIDATION_FAILED');
      expectError(await api.request('POST', path, { headers: json }), 400, 'VALIDATION_FAILED');
    }
  });

  it('refuses bodies over 1 MB with 413 PAYLOAD_TOO_LARGE', async () => {
    const big = JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(1024 * 1024 + 10) });
    for (const path of ['/v1/auth/login', '/v1/auth/signup']) {
      expectError(await api.request('POST', path, { headers: json, raw: big }), 413, 'PAYLOAD_TOO_LARGE');
    }
  });

  it('refuses bodies that are not JSON', async () => {
    const xml = await api.request('POST', '/v1/auth/login', { headers: { 'content-type': 'application/xml' }, raw: '<login/>' });
    expectError(xml, 415, 'VALIDATION_FAILED');
    const text = await api.request('POST', '/v1/auth/login', { headers: { 'content-type': 'text/plain' }, raw: 'email=a@b.c' });
    expectError(text, 400, 'VALIDATION_FAILED');
    const form = await api.request('POST', '/v1/auth/login', { headers: { 'content-type': 'application/x-www-form-urlencoded' }, raw: 'email=a@b.c' });
    expectError(form, 415, 'VALIDATION_FAILED');
  });

  it('answers unknown routes and methods with 404 NOT_FOUND', async () => {
    expectError(await api.get('/v1/nothing-here'), 404, 'NOT_FOUND');
    expectError(await api.get('/v1/auth/login'), 404, 'NOT_FOUND');
    expectError(await api.request('DELETE', '/v1/account'), 404, 'NOT_FOUND');
    expectError(await api.get('/%E0%A4%A'), 400, 'VALIDATION_FAILED');
  });

  it('keeps every error body in the envelope and the service healthy afterwards', async () => {
    const answer = await api.request('POST', '/v1/auth/login', { headers: json, raw: '{"email": "a@b.c", "password": "x", "deviceName": "' + 'd'.repeat(100) + '"}' });
    expectError(answer, 400, 'VALIDATION_FAILED');
    expect((await api.get('/v1/health')).status).toBe(200);
  });
});
