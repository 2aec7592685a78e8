import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ServiceErrorCode } from '../../../shared/errors';
import { errorBody, ServiceError } from './service-error';

/** Fastify's own client errors, and what the envelope says for each. */
const frameworkErrors: Record<number, { code: ServiceErrorCode; message: string }> = {
  400: { code: 'VALIDATION_FAILED', message: 'The request is not valid JSON or is missing its body.' },
  404: { code: 'NOT_FOUND', message: 'There is nothing at this address.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MB.' },
  415: { code: 'VALIDATION_FAILED', message: 'Send the body as JSON (Content-Type: application/json).' },
  429: { code: 'RATE_LIMITED', message: 'Too many requests. Wait a moment and try again.' },
};

/**
 * Every non-2xx answer is `{ error: { code, message, details? } }`. Bad input is a 4xx with
 * a code from shared/errors.ts; only our own bugs are 500s, and those are logged.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(errorBody('NOT_FOUND', `There is no ${request.method} ${request.url.split('?')[0]}.`));
  });

  app.setErrorHandler((error: FastifyError | ServiceError, request, reply) => {
    if (error instanceof ServiceError) {
      if (error.code === 'RATE_LIMITED' && error.details?.retryAfterSeconds !== undefined) {
        void reply.header('retry-after', String(error.details.retryAfterSeconds));
      }
      return reply.code(error.statusCode).send(errorBody(error.code, error.message, error.details));
    }

    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      for (const issue of error.validation) {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        fields[path || error.validationContext || 'body'] ??= issue.message ?? 'Not valid.';
      }
      return reply
        .code(400)
        .send(errorBody('VALIDATION_FAILED', 'Some fields are missing or not valid.', { fields }));
    }

    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const known = frameworkErrors[status] ?? { code: 'VALIDATION_FAILED' as const, message: 'The request is not valid.' };
      request.log.info({ code: error.code, status }, 'client error');
      return reply.code(status).send(errorBody(known.code, known.message));
    }

    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send(errorBody('INTERNAL', 'Something went wrong on our side. Try again in a moment.'));
  });
}
