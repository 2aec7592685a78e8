import { httpErrorBodySchema, type ServiceErrorCode } from '../../../shared/errors';
import { answerFor, type Failure } from './error-status';

/**
 * A failure the client should see: the error handler turns it into the envelope
 * `{ error: { code, message, details? } }`, with the status error-status.ts gives its code.
 */
export class ServiceError extends Error {
  readonly statusCode: number;
  readonly code: ServiceErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(failure: Failure, message: string, details?: Record<string, unknown>) {
    super(message);
    const { code, status } = answerFor(failure);
    this.name = 'ServiceError';
    this.statusCode = status;
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
