import { useCallback } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import { errorCodes, errorDetails, type AppError, type ErrorCode } from '../../../shared/errors';
import { catalogueFor, type MessageId } from '../i18n/catalogues';
import { formatDateTime } from '../lib/dates';
import { retryAfterSeconds } from './retry-after';

/**
 * The catalogue key of each code's sentence. The one place codes become sentences: a new
 * code in shared/errors.ts fails to compile here until errors.json has `errors.<CODE>`.
 */
export function errorSentenceId(code: ErrorCode): MessageId {
  return `errors.${code}`;
}

/** A sentence for the person, in their language; the error's own `message` is for logs, not for them. */
export function describeError(intl: IntlShape, error: AppError): string {
  // A code this version does not know yet: the service's own words are the best sentence
  // there is (the catalogue's when it sent none).
  if (error.code === 'UNRECOGNISED' && error.message.trim() !== '') return error.message;
  const wait = error.code === 'RATE_LIMITED' ? retryAfterSeconds(error) : undefined;
  if (wait) {
    return wait < 60
      ? intl.formatMessage({ id: 'errors.RATE_LIMITED.seconds' }, { seconds: wait })
      : intl.formatMessage({ id: 'errors.RATE_LIMITED.minutes' }, { minutes: Math.ceil(wait / 60) });
  }
  // How many changes the plan allows, and from when (in the person's locale) one is possible again.
  const changes = errorDetails(error, 'SEAT_CHANGES_LIMITED');
  if (changes) {
    return intl.formatMessage(
      { id: 'errors.SEAT_CHANGES_LIMITED.until' },
      {
        limit: changes.limit,
        windowDays: changes.windowDays,
        date: formatDateTime(intl, changes.retryAt),
      },
    );
  }
  // No answer: "no internet" only when that is what the main process found.
  if (errorDetails(error, 'NETWORK_OFFLINE')?.reason === 'service-unreachable') {
    return intl.formatMessage({ id: 'errors.NETWORK_OFFLINE.serviceUnreachable' });
  }
  return intl.formatMessage({ id: errorSentenceId(error.code) });
}

/** `describe(error)` in the language the app speaks now. */
export function useDescribeError(): (error: AppError) => string {
  const intl = useIntl();
  return useCallback((error: AppError) => describeError(intl, error), [intl]);
}

/** Each code's English sentence, as tests find it on screen. */
export const errorSentences = Object.fromEntries(
  errorCodes.map((code) => [code, catalogueFor('en')[errorSentenceId(code)]]),
) as Record<ErrorCode, string>;
