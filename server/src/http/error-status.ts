import type { ServiceErrorCode } from '../../../shared/errors';

/** The HTTP status of every code the service answers with: the one place a status is chosen. */
const statusOfCode = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  INTERNAL: 500,
  WEAK_PASSWORD: 400,
  TOKEN_INVALID: 400,
  CODE_INVALID: 400,
  INVALID_CREDENTIALS: 401,
  EMAIL_NOT_CONFIRMED: 403,
  ACCOUNT_LOCKED: 423,
  MFA_INVALID: 401,
  MFA_ALREADY_ENABLED: 409,
  MFA_NOT_ENABLED: 409,
  REFRESH_INVALID: 401,
  REFRESH_REUSED: 401,
  KEY_MALFORMED: 400,
  KEY_UNKNOWN: 404,
  KEY_ALREADY_USED: 409,
  PLAN_MISMATCH: 409,
  SEAT_LIMIT_REACHED: 409,
  SUBSCRIPTION_EXPIRED: 409,
  DEVICE_DEACTIVATED: 410,
  SEAT_CHANGES_LIMITED: 429,
  DEVICE_MISMATCH: 409,
  PAYMENT_DECLINED: 402,
  PAYMENT_METHOD_REQUIRED: 409,
  PAYMENT_METHOD_IN_USE: 409,
  PLAN_NOT_AN_UPGRADE: 409,
  UPGRADE_PRICE_CHANGED: 409,
  TICKET_CLOSED: 409,
} as const satisfies Record<ServiceErrorCode, number>;

/**
 * Answers that share a code with others but not its status. The code is what a client acts
 * on; the status is what HTTP caches, proxies and retrying clients act on.
 */
const variants = {
  /** The same Idempotency-Key with a different request: 422, as the IETF draft picks. */
  IDEMPOTENCY_KEY_REUSED: { code: 'VALIDATION_FAILED', status: 422 },
  /** A body that is not JSON: Fastify's own 415. */
  UNSUPPORTED_MEDIA_TYPE: { code: 'VALIDATION_FAILED', status: 415 },
  /** Stopping, or the database is not answering: the same request may well work later. */
  UNAVAILABLE: { code: 'INTERNAL', status: 503 },
} as const satisfies Record<string, { code: ServiceErrorCode; status: number }>;

/** What a throwing site names: a code, or one of the variants above. */
export type Failure = ServiceErrorCode | keyof typeof variants;

/** The code and status of the answer for a failure. */
export function answerFor(failure: Failure): { code: ServiceErrorCode; status: number } {
  if (failure in variants) return variants[failure as keyof typeof variants];
  const code = failure as ServiceErrorCode;
  return { code, status: statusOfCode[code] };
}
