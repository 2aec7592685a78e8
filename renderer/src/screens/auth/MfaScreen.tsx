import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { readRouteState } from '../../app/route-state';
import { useAction } from '../../app/use-action';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { TextField } from '../../components/TextField';
import { describeError } from '../../errors/messages';
import { useSessionStore } from '../../stores/session-store';

/** The second step of signing in when the account has two-step verification on. */
export function MfaScreen() {
  const api = useApi();
  const arrived = readRouteState(useLocation().state);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { pending, error, run } = useAction();
  const codeRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // People paste codes as "123 456"; recovery codes may carry dashes, which stay.
    const clean = code.replace(/\s+/g, '');
    setCode(clean);
    const issue = clean.length < 6 ? 'Enter the 6-digit code from your authenticator app.' : null;
    setProblem(issue);
    if (issue) {
      codeRef.current?.focus();
      return;
    }
    const result = await run(() => api.auth.verifyMfa({ code: clean }));
    if (result?.ok) useSessionStore.getState().received(result.value);
  };

  return (
    <>
      <PageHeading title="Two-step verification">Enter your verification code</PageHeading>
      <p>Open your authenticator app and enter the 6-digit code it shows for Palisade. You can also use a recovery code.</p>
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && (
          <FormAlert id="mfa-alert">
            <p>{describeError(error)}</p>
          </FormAlert>
        )}
        <TextField
          label="Verification code"
          autoComplete="one-time-code"
          inputMode="numeric"
          spellCheck={false}
          autoCapitalize="off"
          maxLength={32}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={problem ?? undefined}
          alertId={error?.code === 'MFA_INVALID' ? 'mfa-alert' : undefined}
          inputRef={codeRef}
        />
        <button type="submit" className="button button-primary" aria-disabled={pending}>
          {pending ? 'Checking…' : 'Verify'}
        </button>
      </form>
      <p className="auth-switch">
        <Link to={paths.signIn} state={{ email: arrived.email }}>
          Back to sign in
        </Link>
      </p>
    </>
  );
}
