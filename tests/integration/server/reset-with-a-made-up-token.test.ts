import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/src/identity/password-hashing';
import { useService } from '../../support/use-service';
import { expectError } from './http';

const { api } = useService();
const ATTEMPTS = 12;

describe('a password reset with a made-up token', () => {
  it('is refused without spending a password hash on it', async () => {
    // What one argon2 hash costs here, on this machine, now.
    await hashPassword('warm the hashing up first');
    const hashStart = performance.now();
    for (let i = 0; i < 3; i++) await hashPassword(`a quiet lighthouse number ${i}`);
    const oneHashMs = (performance.now() - hashStart) / 3;

    await api.post('/v1/auth/password/reset', { token: 'warm-up', password: 'a made up lighthouse' });
    const start = performance.now();
    for (let i = 0; i < ATTEMPTS; i++) {
      expectError(await api.post('/v1/auth/password/reset', { token: `made-up-${i}`, password: `a made up lighthouse ${i}` }), 400, 'TOKEN_INVALID');
    }
    const elapsedMs = performance.now() - start;
    // Hashing each password would take at least ATTEMPTS hashes; checking the token first, a fraction of that.
    expect(elapsedMs, `${ATTEMPTS} refusals took ${elapsedMs.toFixed(0)} ms; one hash takes ${oneHashMs.toFixed(0)} ms`).toBeLessThan((ATTEMPTS * oneHashMs) / 3);
  });
});
