import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { extractEmailToken } from '../../../../shared/contract/links';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLengthProblem } from '../../../../shared/password-policy';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { readRouteState } from '../../app/route-state';
import { useAction } from '../../app/use-action';
import { BackToSignIn } from '../../components/BackToSignIn';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { PasswordField } from '../../components/PasswordField';
import { StrengthMeter } from '../../components/StrengthMeter';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { fieldErrors } from '../../errors/field-errors';
import { describeError } from '../../errors/messages';
import { pastedCodeProblem } from './CheckEmailScreen';

interface Problems {
  code?: string;
  password?: string;
}

/** The code or link from the reset e-mail (filled in by a `reset-password` deep link) and a new password. */
export function ResetPasswordScreen() {
  const api = useApi();
  const navigate = useNavigate();
  const arrived = readRouteState(useLocation().state);
  const [pasted, setPasted] = useState(arrived.token ?? '');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const { pending, error, run } = useAction();
  const codeRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const token = extractEmailToken(pasted);
    const found: Problems = {};
    if (!token) found.code = pastedCodeProblem;
    const length = passwordLengthProblem(password);
    if (length === 'too_short') found.password = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    if (length === 'too_long') found.password = `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
    setProblems(found);
    if (!token || found.password) {
      (found.code ? codeRef : passwordRef).current?.focus();
      return;
    }
    const result = await run(() => api.auth.resetPassword({ code: token, password }));
    if (result?.ok) navigate(paths.signIn, { state: { email: arrived.email, notice: 'password-reset' } });
  };

  const fromService = fieldErrors(error);
  if (error?.code === 'WEAK_PASSWORD') fromService.password ??= 'This password is too common or too easy to guess.';
  const alertId = 'reset-alert';

  return (
    <>
      <PageHeading title="Choose a new password" />
      <p>Paste the code or link from the reset e-mail, then choose a new password. You’ll be signed out everywhere else.</p>
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && (
          <FormAlert id={alertId}>
            <p>{describeError(error)}</p>
            {error.code === 'TOKEN_INVALID' && (
              <p>
                <Link to={paths.forgotPassword} state={{ email: arrived.email }}>
                  Send me a new link
                </Link>
              </p>
            )}
          </FormAlert>
        )}
        <TextField
          label="Paste the code or the link from the e-mail"
          autoComplete="one-time-code"
          spellCheck={false}
          autoCapitalize="off"
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          error={problems.code ?? fromService.code ?? fromService.token}
          alertId={error?.code === 'TOKEN_INVALID' ? alertId : undefined}
          inputRef={codeRef}
        />
        <PasswordField
          label="New password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={`Use at least ${PASSWORD_MIN_LENGTH} characters.`}
          error={problems.password ?? fromService.password}
          inputRef={passwordRef}
          below={<StrengthMeter password={password} personal={[arrived.email?.split('@')[0] ?? '']} />}
        />
        <SubmitButton pending={pending} busyLabel="Changing your password…">
          Change password
        </SubmitButton>
      </form>
      <BackToSignIn email={arrived.email} />
    </>
  );
}
