import type { IntlShape } from 'react-intl';
import { errorDetails, type AppError } from '../../../../shared/errors';

/**
 * What to say when a typed e-mail code was refused: mistyped (with the tries left), spent
 * by too many wrong tries, or right but expired or already used. Undefined for other errors.
 */
export function emailCodeProblem(intl: IntlShape, error: AppError | null): string | undefined {
  if (error?.code === 'TOKEN_INVALID') return intl.formatMessage({ id: 'auth.code.expired' });
  if (error?.code !== 'CODE_INVALID') return undefined;
  const attemptsLeft = errorDetails(error, 'CODE_INVALID')?.attemptsLeft;
  if (attemptsLeft === 0) return intl.formatMessage({ id: 'auth.code.spent' });
  if (attemptsLeft === undefined) return intl.formatMessage({ id: 'errors.CODE_INVALID' });
  return intl.formatMessage({ id: 'auth.code.wrong' }, { attemptsLeft });
}
