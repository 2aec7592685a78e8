import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { signIn } from '../../actions/auth-actions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { readRouteState, type Notice } from '../../app/route-state';
import { useAction } from '../../app/use-action';
import { emailProblem } from '../../auth/email-format';
import { EmailField } from '../../components/EmailField';
import { FormAlert, FormNotice } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { PasswordField } from '../../components/PasswordField';
import { SubmitButton } from '../../components/SubmitButton';
import { errorDetails } from '../../../../shared/errors';
import { useFieldErrors } from '../../errors/field-errors';
import { useDescribeError } from '../../errors/messages';
import { retryAfterSeconds } from '../../errors/retry-after';
import type { MessageId } from '../../i18n/catalogues';
import { T, useT } from '../../i18n/use-t';

/** The service locks for 15 minutes (docs/api.md); used only if the error forgot to say. */
const DEFAULT_LOCK_SECONDS = 15 * 60;

const notices: Record<Notice, MessageId> = {
  confirmed: 'auth.signIn.notice.confirmed',
  'password-reset': 'auth.signIn.notice.passwordReset',
};

interface Problems {
  email?: MessageId;
  password?: MessageId;
}

export function SignInScreen() {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
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
    if (password === '') found.password = 'auth.password.missing';
    setProblems(found);
    if (found.email || found.password) {
      (found.email ? emailRef : passwordRef).current?.focus();
      return;
    }

    const result = await run(() => signIn(api, address, password));
    if (!result) return;
    // Signed in: the shell takes over once the store holds a user; the guard does the navigating.
    if (result.ok && result.value.status === 'mfaRequired') {
      navigate(paths.mfa, { state: { email: address, from: arrived.from } });
    } else if (!result.ok && result.error.code === 'ACCOUNT_LOCKED') {
      const seconds = retryAfterSeconds(result.error) ?? DEFAULT_LOCK_SECONDS;
      navigate(paths.locked, { state: { email: address, until: Date.now() + seconds * 1000 } });
    }
  };

  // Wrong credentials concern both fields; the sentence lives in the alert they point to.
  const credentialsWrong = error?.code === 'INVALID_CREDENTIALS';
  const fromService = useFieldErrors(error);

  return (
    <>
      <PageHeading title={t('auth.signIn.windowTitle')}>{t('auth.signIn.title')}</PageHeading>
      {arrived.notice && <FormNotice>{t(notices[arrived.notice])}</FormNotice>}
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && error.code !== 'ACCOUNT_LOCKED' && (
          <FormAlert id={alertId}>
            <p>{describeError(error)}</p>
            {errorDetails(error, 'INVALID_CREDENTIALS')?.attemptsLeft === 1 && <p>{t('auth.signIn.oneTryLeft')}</p>}
            {error.code === 'EMAIL_NOT_CONFIRMED' && (
              <p>
                <Link to={paths.checkEmail} state={{ email: email.trim() }}>
                  {t('auth.enterCode')}
                </Link>
              </p>
            )}
          </FormAlert>
        )}
        <EmailField
          label={t('auth.email.label')}
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={problems.email ? t(problems.email) : fromService.email}
          alertId={credentialsWrong ? alertId : undefined}
          inputRef={emailRef}
        />
        <PasswordField
          label={t('auth.password.label')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          error={problems.password ? t(problems.password) : fromService.password}
          alertId={credentialsWrong ? alertId : undefined}
          inputRef={passwordRef}
        />
        <p className="form-aside">
          <Link to={paths.forgotPassword} state={{ email: email.trim() }}>
            {t('auth.signIn.forgotPassword')}
          </Link>
        </p>
        <SubmitButton pending={pending} busyLabel={t('auth.signIn.busy')}>
          {t('auth.signIn.submit')}
        </SubmitButton>
      </form>
      <p className="auth-switch">
        <T id="auth.signIn.newHere" values={{ link: (chunks) => <Link to={paths.createAccount}>{chunks}</Link> }} />
      </p>
    </>
  );
}
