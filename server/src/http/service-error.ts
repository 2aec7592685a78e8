import { httpErrorBodySchema, type ServiceErrorCode } from '../../../shared/errors';

/**
 * A failure the client should see: the error handler turns it into the envelope
 * `{ error: { code, message, details? } }` with this status.
 */
export class ServiceError extends Error {
  readonly statusCode: number;
  readonly code: ServiceErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(statusCode: number, code: ServiceErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ServiceError';
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
  }
}

export const errorBody = (code: ServiceErrorCode, message: string, details?: Record<string, unknown>) => ({
  error: { code, message, ...(details !== undefined && { details }) },
});

/** Response schemas for the OpenAPI document: every 4xx/5xx carries the envelope. */
export const errorResponses = {
  '4xx': httpErrorBodySchema,
  '5xx': httpErrorBodySchema,
} as const;
