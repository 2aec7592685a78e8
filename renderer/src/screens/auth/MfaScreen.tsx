import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { AppError } from '../../../../shared/errors';
import { verifySecondStep } from '../../actions/auth-actions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { readRouteState } from '../../app/route-state';
import { useAction } from '../../app/use-action';
import { BackToSignIn } from '../../components/BackToSignIn';
import { CodeField, withoutSpaces } from '../../components/CodeField';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { SubmitButton } from '../../components/SubmitButton';
import { useDescribeError } from '../../errors/messages';
import { retryAfterSeconds } from '../../errors/retry-after';
import type { MessageId } from '../../i18n/catalogues';
import { useT } from '../../i18n/use-t';

/** The service locks for 15 minutes (docs/api.md); used only if the error forgot to say. */
const DEFAULT_LOCK_SECONDS = 15 * 60;

type Method = 'app' | 'recovery';

/** A failed second step where the generic sentence would not say what to do. */
function sentenceFor(error: AppError, method: Method): MessageId | null {
  if (error.code === 'MFA_INVALID' && method === 'recovery') return 'auth.mfa.recoveryInvalid';
  if (error.code === 'NOT_SIGNED_IN' || error.code === 'TOKEN_INVALID') return 'auth.mfa.expired';
  return null;
}

/** The second step of signing in when the account has 2-step verification on. */
export function MfaScreen() {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const navigate = useNavigate();
  const arrived = readRouteState(useLocation().state);
  const [method, setMethod] = useState<Method>('app');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<MessageId | null>(null);
  const { pending, error, setError, run } = useAction();
  const codeRef = useRef<HTMLInputElement>(null);
  const alertId = 'mfa-alert';

  const switchMethod = () => {
    setMethod((m) => (m === 'app' ? 'recovery' : 'app'));
    setCode('');
    setProblem(null);
    setError(null);
    // The field under the same place changes meaning; put the cursor in it.
    queueMicrotask(() => codeRef.current?.focus());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // People paste codes as "123 456" or with a trailing newline; no code contains white space.
    const clean = withoutSpaces(code);
    setCode(clean);
    let issue: MessageId | null = null;
    if (method === 'app' && !/^\d{6}$/.test(clean)) issue = 'auth.mfa.appCodeProblem';
    if (method === 'recovery' && clean.length < 6) issue = 'auth.mfa.recoveryCodeProblem';
    setProblem(issue);
    if (issue) {
      codeRef.current?.focus();
      return;
    }
    const result = await run(() => verifySecondStep(api, clean));
    if (!result || result.ok) return;
    if (result.error.code === 'ACCOUNT_LOCKED') {
      // Wrong codes count toward the lockout like wrong passwords.
      const seconds = retryAfterSeconds(result.error) ?? DEFAULT_LOCK_SECONDS;
      navigate(paths.locked, { state: { email: arrived.email, until: Date.now() + seconds * 1000 } });
    } else {
      if (result.error.code === 'MFA_INVALID') setCode('');
      codeRef.current?.focus();
    }
  };

  const expired = error?.code === 'NOT_SIGNED_IN' || error?.code === 'TOKEN_INVALID';
  const special = error ? sentenceFor(error, method) : null;

  return (
    <>
      <PageHeading title={t('auth.mfa.windowTitle')}>{t('auth.mfa.title')}</PageHeading>
      <p>{t(method === 'app' ? 'auth.mfa.appIntro' : 'auth.mfa.recoveryIntro')}</p>
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && error.code !== 'ACCOUNT_LOCKED' && (
          <FormAlert id={alertId}>
            <p>{special ? t(special) : describeError(error)}</p>
            {expired && (
              <p>
                <Link to={paths.signIn} state={{ email: arrived.email }}>
                  {t('auth.mfa.signInAgain')}
                </Link>
              </p>
            )}
          </FormAlert>
        )}
        {method === 'app' ? (
          <CodeField
            key="app"
            label={t('auth.mfa.codeLabel')}
            hint={t('auth.mfa.codeHint')}
            autoComplete="one-time-code"
            inputMode="numeric"
            // Room for a pasted "123 456" and stray spaces: a limit of 6 would cut a paste short.
            maxLength={16}
            value={code}
            onChange={setCode}
            error={problem ? t(problem) : undefined}
            alertId={error?.code === 'MFA_INVALID' ? alertId : undefined}
            inputRef={codeRef}
          />
        ) : (
          <CodeField
            key="recovery"
            label={t('auth.mfa.recoveryLabel')}
            autoComplete="off"
            maxLength={40}
            value={code}
            onChange={setCode}
            error={problem ? t(problem) : undefined}
            alertId={error?.code === 'MFA_INVALID' ? alertId : undefined}
            inputRef={codeRef}
          />
        )}
        <SubmitButton pending={pending} busyLabel={t('auth.mfa.busy')}>
          {t('auth.mfa.submit')}
        </SubmitButton>
      </form>
      <p className="mfa-switch">
        <button type="button" className="link-button" onClick={switchMethod}>
          {t(method === 'app' ? 'auth.mfa.useRecovery' : 'auth.mfa.useApp')}
        </button>
      </p>
      <BackToSignIn email={arrived.email} />
    </>
  );
}
