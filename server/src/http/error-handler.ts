import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { validationDetails } from '../../../shared/validation-details';
import { isDatabaseUnavailable } from '../db/database';
import type { Failure } from './error-status';
import { errorBody, ServiceError } from './service-error';
import { zodIssuesOf } from './zod-issues';

/** Fastify's own client errors (by the status Fastify gives them), and what the envelope says for each. */
const frameworkErrors: Record<number, { failure: Failure; message: string }> = {
  400: { failure: 'VALIDATION_FAILED', message: 'The request is not valid JSON or is missing its body.' },
  404: { failure: 'NOT_FOUND', message: 'There is nothing at this address.' },
  413: { failure: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MB.' },
  415: { failure: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as JSON (Content-Type: application/json).' },
  429: { failure: 'RATE_LIMITED', message: 'Too many requests. Wait a moment and try again.' },
};

/** Sends a ServiceError as the envelope, with its code's status. */
export function sendServiceError(reply: FastifyReply, error: ServiceError): FastifyReply {
  if ((error.code === 'RATE_LIMITED' || error.code === 'SEAT_CHANGES_LIMITED') && error.details?.retryAfterSeconds !== undefined) {
    void reply.header('retry-after', String(error.details.retryAfterSeconds));
  }
  return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.details));
}

/**
 * Every non-2xx answer is `{ error: { code, message, details? } }`. Bad input is a 4xx with
 * a code from shared/errors.ts; only our own bugs are 500s, and those are logged.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void sendServiceError(
      reply,
      new ServiceError('NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]}.`),
    );
  });

  app.setErrorHandler((error: FastifyError | ServiceError, request, reply) => {
    if (error instanceof ServiceError) return sendServiceError(reply, error);

    if (hasZodFastifySchemaValidationErrors(error)) {
      // Each field's problem as data (zod's issue code and bounds), so clients can word it themselves.
      const details = validationDetails(zodIssuesOf(error.validation), error.validationContext ?? 'body');
      return sendServiceError(
        reply,
        new ServiceError('VALIDATION_FAILED', 'Some fields are missing or not valid.', details),
      );
    }

    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known = frameworkErrors[status];
      request.log.info({ code: error.code, status }, 'client error');
      if (known) return sendServiceError(reply, new ServiceError(known.failure, known.message));
      // Another client error of Fastify's: keep its status, in the envelope.
      return reply.code(status).send(errorBody('VALIDATION_FAILED', 'The request is not valid.'));
    }

    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'request failed: the database is not answering');
      return sendServiceError(reply, new ServiceError('UNAVAILABLE', 'The database is not answering. Try again in a moment.'));
    }

    request.log.error({ err: error }, 'request failed');
    return sendServiceError(
      reply,
      new ServiceError('INTERNAL', 'Something went wrong on our side. Try again in a moment.'),
    );
  });
}
