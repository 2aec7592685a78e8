import { describe, expect, it } from 'vitest';
import { errorDetails, isTransientFailure, type AppError } from '../../../shared/errors';

const device = {
  id: 'd1',
  name: 'Old laptop',
  os: 'Windows 11',
  platform: 'windows',
  subscriptionId: 's1',
  status: 'active',
  registeredAt: '2026-01-01T00:00:00.000Z',
  lastSeenAt: '2026-02-01T00:00:00.000Z',
};

describe('errorDetails: typed details per code', () => {
  it('reads the seat-limit devices of SEAT_LIMIT_REACHED', () => {
    const error: AppError = {
      code: 'SEAT_LIMIT_REACHED',
      message: 'All seats used.',
      details: { devices: [device], seats: 1 },
    };
    const details = errorDetails(error, 'SEAT_LIMIT_REACHED');
    expect(details?.devices.map((d) => d.name)).toEqual(['Old laptop']);
  });

  it('reads the wait of ACCOUNT_LOCKED and RATE_LIMITED', () => {
    expect(
      errorDetails({ code: 'ACCOUNT_LOCKED', message: '', details: { retryAfterSeconds: 900 } }, 'ACCOUNT_LOCKED'),
    ).toEqual({
      retryAfterSeconds: 900,
    });
    expect(
      errorDetails({ code: 'RATE_LIMITED', message: '', details: { retryAfterSeconds: 3 } }, 'RATE_LIMITED')
        ?.retryAfterSeconds,
    ).toBe(3);
  });

  it('reads the field problems of VALIDATION_FAILED and IPC_INVALID_INPUT alike', () => {
    const fields = { email: { code: 'invalid_format', message: 'Invalid email', format: 'email' } };
    for (const code of ['VALIDATION_FAILED', 'IPC_INVALID_INPUT'] as const) {
      expect(errorDetails({ code, message: '', details: { fields } }, code)?.fields.email?.format).toBe('email');
    }
  });

  it('reads the service code of UNRECOGNISED', () => {
    expect(
      errorDetails({ code: 'UNRECOGNISED', message: 'New.', details: { serviceCode: 'PLAN_RETIRED' } }, 'UNRECOGNISED'),
    ).toEqual({
      serviceCode: 'PLAN_RETIRED',
    });
  });

  it('is undefined for another code, for no details, and for details of the wrong shape', () => {
    expect(
      errorDetails({ code: 'NOT_FOUND', message: '', details: { devices: [] } }, 'SEAT_LIMIT_REACHED'),
    ).toBeUndefined();
    expect(errorDetails({ code: 'SEAT_LIMIT_REACHED', message: '' }, 'SEAT_LIMIT_REACHED')).toBeUndefined();
    expect(
      errorDetails({ code: 'ACCOUNT_LOCKED', message: '', details: { retryAfterSeconds: 'soon' } }, 'ACCOUNT_LOCKED'),
    ).toBeUndefined();
    expect(errorDetails(null, 'ACCOUNT_LOCKED')).toBeUndefined();
  });
});

describe('isTransientFailure: one answer to "may the same request succeed later?"', () => {
  it.each(['NETWORK_OFFLINE', 'TIMEOUT', 'INTERNAL'] as const)('%s is transient', (code) => {
    expect(isTransientFailure(code)).toBe(true);
    expect(isTransientFailure({ code })).toBe(true);
  });

  it.each([
    'NOT_FOUND',
    'UNAUTHORIZED',
    'VALIDATION_FAILED',
    'DEVICE_DEACTIVATED',
    'RATE_LIMITED',
    'UNRECOGNISED',
    'UNKNOWN',
  ] as const)('%s is an answer the service meant', (code) => expect(isTransientFailure({ code })).toBe(false));

  it('is false for no error at all', () => {
    expect(isTransientFailure(undefined)).toBe(false);
    expect(isTransientFailure(null)).toBe(false);
  });
});
