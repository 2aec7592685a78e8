import { errorDetails, type AppError } from '../../../shared/errors';

/** The wait an error asks for: top-level on IPC errors, or in `details` as the service sends it. */
export function retryAfterSeconds(error: AppError): number | undefined {
  if (error.retryAfterSeconds !== undefined) return error.retryAfterSeconds;
  return (errorDetails(error, 'ACCOUNT_LOCKED') ?? errorDetails(error, 'RATE_LIMITED'))?.retryAfterSeconds;
}
