import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../../server/src/identity/password-hashing';
import { useService } from '../../support/use-service';
import { expectError } from './http';

const { api } = useService();
const ATTEMPTS = 12;
/** Shaped like a real reset token, so only the lookup can refuse it. */
const madeUp = () => randomBytes(32).toString('base64url');

describe('a password reset with a made-up token', () => {
  it('is refused without spending a password hash on it', async () => {
    // What one argon2 hash costs here, on this machine, now.
    await hashPassword('warm the hashing up first');
    const hashStart = performance.now();
    for (let i = 0; i < 3; i++) await hashPassword(`a quiet lighthouse number ${i}`);
    const oneHashMs = (performance.now() - hashStart) / 3;

    // The same requests with a too-short password, refused before any hash on any code: the
    // cost of a request alone.
    const timeRefusals = async (password: (i: number) => string, code: 'TOKEN_INVALID' | 'WEAK_PASSWORD') => {
      const start = performance.now();
      for (let i = 0; i < ATTEMPTS; i++) {
        expectError(await api.post('/v1/auth/password/reset', { token: madeUp(), password: password(i) }), 400, code);
      }
      return performance.now() - start;
    };
    await timeRefusals((i) => `a made up lighthouse ${i}`, 'TOKEN_INVALID');
    const requestsMs = await timeRefusals(() => 'short', 'WEAK_PASSWORD');
    const madeUpMs = await timeRefusals((i) => `a made up lighthouse ${i}`, 'TOKEN_INVALID');
    // Hashing each password would add ATTEMPTS hashes; checking the token first adds none.
    expect(madeUpMs - requestsMs, `${ATTEMPTS} made-up tokens took ${madeUpMs.toFixed(0)} ms, ${ATTEMPTS} weak passwords ${requestsMs.toFixed(0)} ms; one hash takes ${oneHashMs.toFixed(0)} ms`).toBeLessThan((ATTEMPTS * oneHashMs) / 2);
  });
});
