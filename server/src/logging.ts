import type { FastifyLoggerOptions, FastifyRequest } from 'fastify';
import { type LoggerOptions, stdSerializers } from 'pino';
import type { ServiceConfig } from './config';

/**
 * Fields that may carry a secret wherever they appear in a log object. Bodies and
 * headers are not logged by default; these catch anything logged by hand.
 */
const secretFields = ['password', 'currentPassword', 'newPassword', 'token', 'refreshToken', 'accessToken', 'mfaToken', 'deviceToken', 'secret', 'code', 'authorization', 'cookie', 'cardNumber', 'cvc', 'number'];

const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  ...secretFields,
  ...secretFields.map((f) => `*.${f}`),
];

/** Query values can be tokens (`/confirm?token=…`): keep the names, drop the values. */
export const redactQuery = (url: string): string => url.replace(/([?&][^=&#]*)=[^&#]*/g, '$1=[redacted]');

export function loggerOptions(config: Pick<ServiceConfig, 'logLevel' | 'logStream'>): FastifyLoggerOptions & LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactQuery(request.url),
        remoteAddress: request.ip,
      }),
      err: stdSerializers.err,
    },
    ...(config.logStream && { stream: config.logStream }),
  };
}
