import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { readRouteState } from '../../app/route-state';
import { retryAfterSeconds, useAction } from '../../app/use-action';
import { BackToSignIn } from '../../components/BackToSignIn';
import { CodeField, withoutSpaces } from '../../components/CodeField';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { SubmitButton } from '../../components/SubmitButton';
import { describeError } from '../../errors/messages';
import { useSessionStore } from '../../stores/session-store';
import '../../styles/security.css';

/** The service locks for 15 minutes (API.md); used only if the error forgot to say. */
const DEFAULT_LOCK_SECONDS = 15 * 60;

type Method = 'app' | 'recovery';

/** People paste codes as "123 456" or with a trailing newline; no code contains white space. */

/** A sentence for a failed second step, where the generic one would not say what to do. */
function sentenceFor(error: AppError, method: Method): string {
  if (error.code === 'MFA_INVALID' && method === 'recovery') {
    return 'That recovery code didn’t work. Each recovery code works only once; check it, or try another one.';
  }
  if (error.code === 'NOT_SIGNED_IN' || error.code === 'TOKEN_INVALID') {
    return 'This sign-in has expired. Go back and sign in with your e-mail address and password again.';
  }
  return describeError(error);
}

/** The second step of signing in when the account has 2-step verification on. */
export function MfaScreen() {
  const api = useApi();
  const navigate = useNavigate();
  const arrived = readRouteState(useLocation().state);
  const [method, setMethod] = useState<Method>('app');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
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
    const clean = withoutSpaces(code);
    setCode(clean);
    let issue: string | null = null;
    if (method === 'app' && !/^\d{6}$/.test(clean)) issue = 'Enter the 6-digit code from your authenticator app.';
    if (method === 'recovery' && clean.length < 6) issue = 'Enter one of the recovery codes you saved when you turned on 2-step verification.';
    setProblem(issue);
    if (issue) {
      codeRef.current?.focus();
      return;
    }
    const result = await run(() => api.auth.verifyMfa({ code: clean }));
    if (!result) return;
    if (result.ok) {
      useSessionStore.getState().received(result.value);
    } else if (result.error.code === 'ACCOUNT_LOCKED') {
      // Wrong codes count toward the lockout like wrong passwords.
      const seconds = retryAfterSeconds(result.error) ?? DEFAULT_LOCK_SECONDS;
      navigate(paths.locked, { state: { email: arrived.email, until: Date.now() + seconds * 1000 } });
    } else {
      if (result.error.code === 'MFA_INVALID') setCode('');
      codeRef.current?.focus();
    }
  };

  const expired = error?.code === 'NOT_SIGNED_IN' || error?.code === 'TOKEN_INVALID';

  return (
    <>
      <PageHeading title="2-step verification">Enter your verification code</PageHeading>
      {method === 'app' ? (
        <p>Open your authenticator app and enter the 6-digit code it shows for Palisade.</p>
      ) : (
        <p>Enter one of the recovery codes you saved when you turned on 2-step verification. Each code works once.</p>
      )}
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && error.code !== 'ACCOUNT_LOCKED' && (
          <FormAlert id={alertId}>
            <p>{sentenceFor(error, method)}</p>
            {expired && (
              <p>
                <Link to={paths.signIn} state={{ email: arrived.email }}>
                  Sign in again
                </Link>
              </p>
            )}
          </FormAlert>
        )}
        {method === 'app' ? (
          <CodeField
            key="app"
            label="Verification code"
            hint="6 digits, for example 123 456"
            autoComplete="one-time-code"
            inputMode="numeric"
            // Room for a pasted "123 456" and stray spaces: a limit of 6 would cut a paste short.
            maxLength={16}
            value={code}
            onChange={setCode}
            error={problem ?? undefined}
            alertId={error?.code === 'MFA_INVALID' ? alertId : undefined}
            inputRef={codeRef}
          />
        ) : (
          <CodeField
            key="recovery"
            label="Recovery code"
            autoComplete="off"
            maxLength={40}
            value={code}
            onChange={setCode}
            error={problem ?? undefined}
            alertId={error?.code === 'MFA_INVALID' ? alertId : undefined}
            inputRef={codeRef}
          />
        )}
        <SubmitButton pending={pending} busyLabel="Checking…">
          Verify
        </SubmitButton>
      </form>
      <p className="mfa-switch">
        <button type="button" className="link-button" onClick={switchMethod}>
          {method === 'app' ? 'Use a recovery code instead' : 'Use a code from your authenticator app instead'}
        </button>
      </p>
      <BackToSignIn email={arrived.email} />
    </>
  );
}
