import { describe, expect, it } from 'vitest';
import { serviceErrorCodes } from '../../../shared/errors';
import { answerFor } from '../../../server/src/http/error-status';
import { ServiceError } from '../../../server/src/http/service-error';

describe('the status of each error code', () => {
  it('gives every code a client or server error status, and keeps the code', () => {
    for (const code of serviceErrorCodes) {
      const { code: answered, status } = answerFor(code);
      expect(answered).toBe(code);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
    }
  });

  it('keeps the statuses clients rely on', () => {
    const statuses = Object.fromEntries(
      (
        [
          'VALIDATION_FAILED',
          'UNAUTHORIZED',
          'EMAIL_NOT_CONFIRMED',
          'ACCOUNT_LOCKED',
          'DEVICE_DEACTIVATED',
          'RATE_LIMITED',
          'INTERNAL',
        ] as const
      ).map((code) => [code, answerFor(code).status]),
    );
    expect(statuses).toEqual({
      VALIDATION_FAILED: 400,
      UNAUTHORIZED: 401,
      EMAIL_NOT_CONFIRMED: 403,
      ACCOUNT_LOCKED: 423,
      DEVICE_DEACTIVATED: 410,
      RATE_LIMITED: 429,
      INTERNAL: 500,
    });
  });

  it('answers the variants with their own status and the code they share', () => {
    expect(answerFor('IDEMPOTENCY_KEY_REUSED')).toEqual({ code: 'VALIDATION_FAILED', status: 422 });
    expect(answerFor('UNSUPPORTED_MEDIA_TYPE')).toEqual({ code: 'VALIDATION_FAILED', status: 415 });
    expect(answerFor('UNAVAILABLE')).toEqual({ code: 'INTERNAL', status: 503 });
  });

  it('is what a ServiceError carries, from its code alone', () => {
    const error = new ServiceError('UNAVAILABLE', 'The service is restarting.');
    expect([error.code, error.statusCode]).toEqual(['INTERNAL', 503]);
    expect(new ServiceError('SEAT_LIMIT_REACHED', 'Full.').statusCode).toBe(409);
  });
});
