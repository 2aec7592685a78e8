import { z } from 'zod';
import { declineReasonSchema } from './api/billing';
import { seatLimitDetailsSchema } from './api/devices';
import { planIdSchema } from './plans';
import { offlineReasonSchema } from './offline-reason';
import { validationDetailsSchema } from './validation-details';

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
  'WEAK_PASSWORD',
  'TOKEN_INVALID',
  'CODE_INVALID',
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
  'PLAN_MISMATCH',
  'SEAT_LIMIT_REACHED',
  'SUBSCRIPTION_EXPIRED',
  'DEVICE_DEACTIVATED',
  'SEAT_CHANGES_LIMITED',
  'DEVICE_MISMATCH',
  // billing
  'PAYMENT_DECLINED',
  'PAYMENT_METHOD_REQUIRED',
  'PAYMENT_METHOD_IN_USE',
  'PLAN_NOT_AN_UPGRADE',
  'UPGRADE_PRICE_CHANGED',
  // support
  'TICKET_CLOSED',
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
  /** The service sent a code this version does not know; its message is shown as it came. */
  'UNRECOGNISED',
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

const retryAfterDetailsSchema = z.object({ retryAfterSeconds: z.number().int().nonnegative() });

/**
 * What `details` holds, for the codes that carry any. Read them with `errorDetails`, never
 * by hand: a shape that does not match (an older service, say) reads as no details.
 */
export const errorDetailsSchemas = {
  VALIDATION_FAILED: validationDetailsSchema,
  IPC_INVALID_INPUT: validationDetailsSchema,
  /** Whether the internet or only the account service is out of reach. */
  NETWORK_OFFLINE: z.object({ reason: offlineReasonSchema }),
  /** The plan's active devices, longest unseen first, so one can be deactivated. */
  SEAT_LIMIT_REACHED: seatLimitDetailsSchema,
  ACCOUNT_LOCKED: retryAfterDetailsSchema,
  RATE_LIMITED: retryAfterDetailsSchema,
  WEAK_PASSWORD: z.object({
    reason: z.enum(['too_short', 'too_long', 'too_common', 'contains_email']),
    field: z.string(),
    minLength: z.number().int(),
    maxLength: z.number().int(),
  }),
  /** A mistyped e-mail code: the tries that code has left (0: it is spent, ask for a new e-mail). */
  CODE_INVALID: z.object({ attemptsLeft: z.number().int().nonnegative() }),
  /** Present from the fourth wrong password in a row: the tries before the lock. */
  INVALID_CREDENTIALS: z.object({ attemptsLeft: z.number().int().nonnegative() }),
  KEY_MALFORMED: z.object({
    reason: z.enum(['length', 'characters', 'checksum']),
    suspectGroup: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
  }),
  /** A key extends only a subscription of its own plan. */
  PLAN_MISMATCH: z.object({ keyPlan: z.string(), subscriptionPlan: z.string(), subscriptionId: z.string() }),
  DEVICE_DEACTIVATED: z.object({ deactivatedAt: z.iso.datetime({ offset: true }) }),
  /**
   * The subscription freed `limit` seats (deactivations and moves) in the last `windowDays`
   * days; the next is possible at `retryAt`, `retryAfterSeconds` from the answer.
   */
  SEAT_CHANGES_LIMITED: retryAfterDetailsSchema.extend({
    subscriptionId: z.string(),
    limit: z.number().int().positive(),
    windowDays: z.number().int().positive(),
    retryAt: z.iso.datetime({ offset: true }),
  }),
  /** What the card's bank or the provider said (docs/api.md "Plans, payment methods and invoices"). */
  PAYMENT_DECLINED: z.object({ reason: declineReasonSchema }),
  /** The last card cannot go while these subscriptions renew automatically with it. */
  PAYMENT_METHOD_IN_USE: z.object({ subscriptionIds: z.array(z.string()) }),
  /** An upgrade goes to a bigger plan only; `upgradablePlans` are those this subscription can move to. */
  PLAN_NOT_AN_UPGRADE: z.object({
    currentPlan: planIdSchema,
    requestedPlan: planIdSchema,
    upgradablePlans: z.array(planIdSchema),
  }),
  /** The upgrade costs more now than the price the person agreed to: this is the price now. */
  UPGRADE_PRICE_CHANGED: z.object({ amount: z.number().int().nonnegative(), currency: z.string() }),
  LICENCE_KEY_CHANGED: z.object({ pinnedThumbprint: z.string(), offeredThumbprint: z.string(), pinnedAt: z.string() }),
  LEASE_INVALID: z.object({ reason: z.string() }),
  UNRECOGNISED: z.object({ serviceCode: z.string() }),
} as const satisfies Partial<Record<ErrorCode, z.ZodType>>;

export type DetailedErrorCode = keyof typeof errorDetailsSchemas;
export type ErrorDetails<C extends DetailedErrorCode> = z.infer<(typeof errorDetailsSchemas)[C]>;

/**
 * The details of an error of code `code`, typed; undefined when the error has another
 * code, or no details of the expected shape.
 */
export function errorDetails<C extends DetailedErrorCode>(
  error: { code: string; message?: string; details?: unknown } | null | undefined,
  code: C,
): ErrorDetails<C> | undefined {
  if (!error || error.code !== code) return undefined;
  const parsed = errorDetailsSchemas[code].safeParse(error.details);
  return parsed.success ? (parsed.data as ErrorDetails<C>) : undefined;
}

/**
 * Failures that say only that the service was not reached, or could not answer just now:
 * nothing about the request, the account or this computer. The same request may well
 * succeed later, so the API client retries them, a session restore waits for the network,
 * and this computer keeps its last lease meanwhile.
 */
export const transientErrorCodes = ['NETWORK_OFFLINE', 'TIMEOUT', 'INTERNAL'] as const satisfies readonly ErrorCode[];

export function isTransientFailure(error: { code: ErrorCode } | ErrorCode | null | undefined): boolean {
  const code = typeof error === 'string' ? error : error?.code;
  return code !== undefined && (transientErrorCodes as readonly ErrorCode[]).includes(code);
}

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
