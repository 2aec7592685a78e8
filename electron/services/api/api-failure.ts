import { isAxiosError } from 'axios';
import { z } from 'zod';
import { AppFailure, type AppError, type ErrorCode, serviceErrorCodes } from '../../../shared/errors';

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

/**
 * The service's error envelope, read leniently: any code string is accepted, so a code
 * added to the service after this version was built still arrives with its message.
 */
const lenientEnvelopeSchema = z.object({
  error: z.object({
    code: z.string().min(1).max(100),
    message: z.string().max(2000),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

const knownServiceCodes: ReadonlySet<string> = new Set(serviceErrorCodes);

/**
 * The code, message and details of an error body; null when it is not the service's
 * envelope at all (a proxy's page, say). A code this app does not know becomes
 * `UNRECOGNISED`, carrying the service's message and its code in `details.serviceCode`.
 */
export function readEnvelope(body: unknown): { code: ErrorCode; message: string; details?: Record<string, unknown> } | null {
  const parsed = lenientEnvelopeSchema.safeParse(body);
  if (!parsed.success) return null;
  const { code, message, details } = parsed.data.error;
  if (knownServiceCodes.has(code)) {
    return { code: code as ErrorCode, message, ...(details !== undefined && { details }) };
  }
  return { code: 'UNRECOGNISED', message, details: { ...details, serviceCode: code } };
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
  const envelope = readEnvelope(response.data);
  const code: ErrorCode = envelope?.code ?? codeByStatus[status] ?? (status >= 500 ? 'INTERNAL' : 'UNKNOWN');
  const message = envelope?.message ?? `The account service answered with status ${status}.`;
  const details = envelope?.details;

  let retryAfterSeconds: number | undefined;
  if (status === 423) retryAfterSeconds = nonNegativeInt(details?.retryAfterSeconds);
  if (status === 429) retryAfterSeconds = parseRetryAfter(response.headers['retry-after']) ?? nonNegativeInt(details?.retryAfterSeconds);

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
