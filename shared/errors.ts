import { z } from 'zod';

/**
 * Every error code that crosses a boundary (HTTP or IPC). A closed union: the renderer
 * maps each one to a sentence in one place, so adding a code is a compile error until
 * that sentence exists.
 */
export const serviceErrorCodes = [
  // generic HTTP
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'INTERNAL',
  // identity
  'EMAIL_TAKEN',
  'WEAK_PASSWORD',
  'TOKEN_INVALID',
  'INVALID_CREDENTIALS',
  'EMAIL_NOT_CONFIRMED',
  'ACCOUNT_LOCKED',
  'MFA_INVALID',
  'MFA_ALREADY_ENABLED',
  'MFA_NOT_ENABLED',
  'REFRESH_INVALID',
  'REFRESH_REUSED',
  // subscriptions and devices
  'KEY_MALFORMED',
  'KEY_UNKNOWN',
  'KEY_ALREADY_USED',
  'SEAT_LIMIT_REACHED',
  'SUBSCRIPTION_EXPIRED',
  'DEVICE_DEACTIVATED',
  'PAYMENT_DECLINED',
] as const;

/** Codes only the desktop client produces (transport, session, IPC). */
export const clientErrorCodes = [
  'NETWORK_OFFLINE',
  'TIMEOUT',
  'NOT_SIGNED_IN',
  'IPC_FORBIDDEN',
  'IPC_INVALID_INPUT',
  'LEASE_INVALID',
  'LICENCE_KEY_CHANGED',
  'UNKNOWN',
] as const;

export const errorCodes = [...serviceErrorCodes, ...clientErrorCodes] as const;

export type ServiceErrorCode = (typeof serviceErrorCodes)[number];
export type ClientErrorCode = (typeof clientErrorCodes)[number];
export type ErrorCode = (typeof errorCodes)[number];

export const errorCodeSchema = z.enum(errorCodes);

/** The error half of every result that crosses IPC. */
export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

/** The HTTP error envelope: every non-2xx body of the account service. */
export const httpErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(serviceErrorCodes),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type HttpErrorBody = z.infer<typeof httpErrorBodySchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: AppError): Result<never> => ({ ok: false, error });

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
}

/**
 * Thrown inside main-process services; the IPC layer turns it into `{ ok: false }`.
 * Across a boundary, only the plain AppError travels.
 */
export class AppFailure extends Error {
  readonly code: ErrorCode;
  readonly retryAfterSeconds?: number;
  readonly details?: Record<string, unknown>;

  constructor(error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
    this.code = error.code;
    if (error.retryAfterSeconds !== undefined) this.retryAfterSeconds = error.retryAfterSeconds;
    if (error.details !== undefined) this.details = error.details;
  }

  toError(): AppError {
    return {
      code: this.code,
      message: this.message,
      ...(this.retryAfterSeconds !== undefined && { retryAfterSeconds: this.retryAfterSeconds }),
      ...(this.details !== undefined && { details: this.details }),
    };
  }
}
