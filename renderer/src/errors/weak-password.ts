import type { IntlShape } from 'react-intl';
import { errorDetails, type AppError } from '../../../shared/errors';

/**
 * What to say beside the password field when the service refused it: too short or too
 * long with the service's own bounds, containing the address, otherwise too easy to guess. Undefined for other errors.
 */
export function weakPasswordProblem(intl: IntlShape, error: AppError | null): string | undefined {
  if (error?.code !== 'WEAK_PASSWORD') return undefined;
  const details = errorDetails(error, 'WEAK_PASSWORD');
  if (details?.reason === 'too_short')
    return intl.formatMessage({ id: 'auth.password.tooShort' }, { minimum: details.minLength });
  if (details?.reason === 'too_long')
    return intl.formatMessage({ id: 'auth.password.tooLong' }, { maximum: details.maxLength });
  if (details?.reason === 'contains_email') return intl.formatMessage({ id: 'auth.password.containsEmail' });
  return intl.formatMessage({ id: 'auth.password.weak' });
}
