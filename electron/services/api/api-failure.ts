import { isAxiosError } from 'axios';
import { AppFailure, httpErrorBodySchema, type AppError, type ErrorCode } from '../../../shared/errors';

/**
 * An AppFailure that remembers the HTTP status it came from, so the client can decide on
 * retries and token refresh. Only the plain AppError crosses IPC; the status stays here.
 */
export class ApiFailure extends AppFailure {
  readonly status: number | undefined;
  constructor(error: AppError, status?: number) {
    super(error);
    this.name = 'ApiFailure';
    this.status = status;
  }
}

/** Codes for statuses whose body is missing or not the service's error envelope (a proxy page, say). */
const codeByStatus: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  423: 'ACCOUNT_LOCKED',
  429: 'RATE_LIMITED',
};

/** `Retry-After` is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function nonNegativeInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined;
}

/** Turns whatever axios threw into the shared error vocabulary. */
export function toApiFailure(error: unknown): ApiFailure {
  if (error instanceof ApiFailure) return error;
  if (error instanceof AppFailure) return new ApiFailure(error.toError());
  if (!isAxiosError(error)) {
    return new ApiFailure({ code: 'UNKNOWN', message: 'Something went wrong while talking to the account service.' });
  }
  const response = error.response;
  if (!response) {
    if (error.code === 'ETIMEDOUT' || error.code === 'ECONNABORTED') {
      return new ApiFailure({ code: 'TIMEOUT', message: 'The account service took too long to answer.' });
    }
    return new ApiFailure({ code: 'NETWORK_OFFLINE', message: 'Palisade cannot reach the account service.' });
  }

  const status = response.status;
  const envelope = httpErrorBodySchema.safeParse(response.data);
  const code: ErrorCode = envelope.success ? envelope.data.error.code : (codeByStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'UNKNOWN'));
  const message = envelope.success ? envelope.data.error.message : `The account service answered with status ${status}.`;
  const details = envelope.success ? envelope.data.error.details : undefined;

  let retryAfterSeconds: number | undefined;
  if (status === 423) retryAfterSeconds = nonNegativeInt(details?.retryAfterSeconds);
  if (status === 429) retryAfterSeconds = parseRetryAfter(response.headers['retry-after']);

  return new ApiFailure(
    {
      code,
      message,
      ...(retryAfterSeconds !== undefined && { retryAfterSeconds }),
      ...(details !== undefined && { details }),
    },
    status,
  );
}

/** Failures worth another try: the request may never have reached the service, or it was briefly unavailable. */
export function isTransient(failure: ApiFailure): boolean {
  if (failure.code === 'NETWORK_OFFLINE' || failure.code === 'TIMEOUT') return true;
  return failure.status === 502 || failure.status === 503 || failure.status === 504;
}
