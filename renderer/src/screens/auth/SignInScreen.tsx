import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { readRouteState, type Notice } from '../../app/route-state';
import { retryAfterSeconds, useAction } from '../../app/use-action';
import { emailProblem } from '../../auth/email-format';
import { EmailField } from '../../components/EmailField';
import { FormAlert, FormNotice } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { PasswordField } from '../../components/PasswordField';
import { SubmitButton } from '../../components/SubmitButton';
import { fieldErrors } from '../../errors/field-errors';
import { describeError } from '../../errors/messages';
import { useSessionStore } from '../../stores/session-store';

/** The service locks for 15 minutes (API.md); used only if the error forgot to say. */
const DEFAULT_LOCK_SECONDS = 15 * 60;

const notices: Record<Notice, string> = {
  confirmed: 'Your e-mail address is confirmed. Sign in to continue.',
  'password-reset': 'Your password has been changed. Sign in with your new password.',
};

interface Problems {
  email?: string;
  password?: string;
}

export function SignInScreen() {
  const api = useApi();
  const navigate = useNavigate();
  const arrived = readRouteState(useLocation().state);
  const [email, setEmail] = useState(arrived.email ?? '');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const { pending, error, run } = useAction();
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertId = 'sign-in-alert';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    setEmail(address);
    const found: Problems = {};
    const emailIssue = emailProblem(address);
    if (emailIssue) found.email = emailIssue;
    if (password === '') found.password = 'Enter your password.';
    setProblems(found);
    if (found.email || found.password) {
      (found.email ? emailRef : passwordRef).current?.focus();
      return;
    }

    const result = await run(() => api.auth.signIn({ email: address, password }));
    if (!result) return;
    if (result.ok) {
      // The shell takes over once the store holds a user; the guard does the navigating.
      if (result.value.status === 'signedIn') useSessionStore.getState().received(result.value.session);
      else navigate(paths.mfa, { state: { email: address, from: arrived.from } });
    } else if (result.error.code === 'ACCOUNT_LOCKED') {
      const seconds = retryAfterSeconds(result.error) ?? DEFAULT_LOCK_SECONDS;
      navigate(paths.locked, { state: { email: address, until: Date.now() + seconds * 1000 } });
    }
  };

  // Wrong credentials concern both fields; the sentence lives in the alert they point to.
  const credentialsWrong = error?.code === 'INVALID_CREDENTIALS';
  const fromService = fieldErrors(error);

  return (
    <>
      <PageHeading title="Sign in">Sign in to Palisade</PageHeading>
      {arrived.notice && <FormNotice>{notices[arrived.notice]}</FormNotice>}
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && error.code !== 'ACCOUNT_LOCKED' && (
          <FormAlert id={alertId}>
            <p>{describeError(error)}</p>
            {error.code === 'EMAIL_NOT_CONFIRMED' && (
              <p>
                <Link to={paths.checkEmail} state={{ email: email.trim() }}>
                  Enter the code from the e-mail
                </Link>
              </p>
            )}
          </FormAlert>
        )}
        <EmailField
          label="E-mail address"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={problems.email ?? fromService.email}
          alertId={credentialsWrong ? alertId : undefined}
          inputRef={emailRef}
        />
        <PasswordField
          label="Password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          error={problems.password ?? fromService.password}
          alertId={credentialsWrong ? alertId : undefined}
          inputRef={passwordRef}
        />
        <p className="form-aside">
          <Link to={paths.forgotPassword} state={{ email: email.trim() }}>
            Forgot password?
          </Link>
        </p>
        <SubmitButton pending={pending} busyLabel="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      <p className="auth-switch">
        New to Palisade? <Link to={paths.createAccount}>Create account</Link>
      </p>
    </>
  );
}
