import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { extractEmailToken } from '../../../../shared/contract/links';
import { isEmailCodeShaped } from '../../../../shared/email-code';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/password-policy';
import { resetPassword } from '../../actions/auth-actions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { readRouteState } from '../../app/route-state';
import { useAction } from '../../app/use-action';
import { passwordLengthSentence } from '../../auth/password-length';
import { BackToSignIn } from '../../components/BackToSignIn';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { PasswordField } from '../../components/PasswordField';
import { StrengthMeter } from '../../components/StrengthMeter';
import { SubmitButton } from '../../components/SubmitButton';
import { fieldErrors } from '../../errors/field-errors';
import { useDescribeError } from '../../errors/messages';
import { weakPasswordProblem } from '../../errors/weak-password';
import { useFormat, useT } from '../../i18n/use-t';
import { emailCodeProblem } from './code-problem';
import { EmailCodeField } from './EmailCodeField';

interface Problems {
  code?: string;
  password?: string;
}

/** The code or link from the reset e-mail (filled in by a `reset-password` deep link) and a new password. */
export function ResetPasswordScreen() {
  const api = useApi();
  const t = useT();
  const intl = useFormat();
  const describeError = useDescribeError();
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
    // The 8-character code goes with the address it was sent to; anything else is a pasted link.
    const byCode = arrived.email !== undefined && isEmailCodeShaped(pasted);
    const token = byCode ? pasted : extractEmailToken(pasted);
    const found: Problems = {};
    if (!token) found.code = t('auth.pastedCode.problem');
    const length = passwordLengthSentence(intl, password);
    if (length) found.password = length;
    setProblems(found);
    if (!token || found.password) {
      (found.code ? codeRef : passwordRef).current?.focus();
      return;
    }
    const result = await run(() => resetPassword(api, token, password, byCode ? arrived.email : undefined));
    if (result?.ok) navigate(paths.signIn, { state: { email: arrived.email, notice: 'password-reset' } });
  };

  const fromService = fieldErrors(intl, error);
  fromService.password ??= weakPasswordProblem(intl, error);
  const alertId = 'reset-alert';
  const codeProblem = error?.code === 'TOKEN_INVALID' ? undefined : emailCodeProblem(intl, error);

  return (
    <>
      <PageHeading title={t('auth.reset.title')} />
      <p>{t('auth.reset.intro')}</p>
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && !codeProblem && (
          <FormAlert id={alertId}>
            <p>{describeError(error)}</p>
            {error.code === 'TOKEN_INVALID' && (
              <p>
                <Link to={paths.forgotPassword} state={{ email: arrived.email }}>
                  {t('auth.reset.newLink')}
                </Link>
              </p>
            )}
          </FormAlert>
        )}
        <EmailCodeField
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          label={arrived.email ? t('auth.reset.codeLabel') : undefined}
          error={problems.code ?? codeProblem ?? fromService.code ?? fromService.token}
          alertId={error?.code === 'TOKEN_INVALID' && !codeProblem ? alertId : undefined}
          inputRef={codeRef}
        />
        <PasswordField
          label={t('auth.reset.passwordLabel')}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={t('auth.password.tooShort', { minimum: PASSWORD_MIN_LENGTH })}
          error={problems.password ?? fromService.password}
          inputRef={passwordRef}
          below={<StrengthMeter password={password} personal={[arrived.email?.split('@')[0] ?? '']} />}
        />
        <SubmitButton pending={pending} busyLabel={t('auth.reset.busy')}>
          {t('auth.reset.submit')}
        </SubmitButton>
      </form>
      <BackToSignIn email={arrived.email} />
    </>
  );
}
