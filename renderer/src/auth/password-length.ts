import type { IntlShape } from 'react-intl';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLengthProblem } from '../../../shared/password-policy';

/** "Use at least 12 characters." for a new password outside the policy's length; undefined when it fits. */
export function passwordLengthSentence(intl: IntlShape, password: string): string | undefined {
  const problem = passwordLengthProblem(password);
  if (problem === 'too_short')
    return intl.formatMessage({ id: 'auth.password.tooShort' }, { minimum: PASSWORD_MIN_LENGTH });
  if (problem === 'too_long')
    return intl.formatMessage({ id: 'auth.password.tooLong' }, { maximum: PASSWORD_MAX_LENGTH });
  return undefined;
}
