import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../../../shared/password-policy';
import { signUp } from '../../actions/auth-actions';
import { useApi } from '../../api/api-context';
import { externalLinks, openExternalLink } from '../../app/external-links';
import { paths } from '../../app/paths';
import { useAction } from '../../app/use-action';
import { emailProblem } from '../../auth/email-format';
import { passwordLengthSentence } from '../../auth/password-length';
import { EmailField } from '../../components/EmailField';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { PasswordField } from '../../components/PasswordField';
import { StrengthMeter } from '../../components/StrengthMeter';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { fieldErrors } from '../../errors/field-errors';
import { useDescribeError } from '../../errors/messages';
import { weakPasswordProblem } from '../../errors/weak-password';
import { T, useFormat, useT } from '../../i18n/use-t';

type Field = 'name' | 'email' | 'password' | 'terms';
type Problems = Partial<Record<Field, string>>;

export function CreateAccountScreen() {
  const api = useApi();
  const t = useT();
  const intl = useFormat();
  const describeError = useDescribeError();
  const navigate = useNavigate();
  const termsId = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [terms, setTerms] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const { pending, error, run } = useAction();
  const nameRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const termsRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const cleanName = name.trim();
    const address = email.trim();
    setName(cleanName);
    setEmail(address);

    const found: Problems = {};
    if (cleanName === '') found.name = t('auth.name.missing');
    const emailIssue = emailProblem(address);
    if (emailIssue) found.email = t(emailIssue);
    const length = passwordLengthSentence(intl, password);
    if (length) found.password = length;
    if (!terms) found.terms = t('auth.createAccount.termsMissing');
    setProblems(found);
    // Fields in page order: focus goes to the first one that needs attention.
    const first = (['name', 'email', 'password', 'terms'] as const).find((field) => found[field]);
    if (first) {
      ({ name: nameRef, email: emailRef, password: passwordRef, terms: termsRef })[first].current?.focus();
      return;
    }

    // The service answers the same whether or not the address has an account (it tells the
    // address's owner by e-mail), so a success always goes on to "check your e-mail".
    const result = await run(() => signUp(api, { name: cleanName, email: address, password }));
    if (result?.ok) navigate(paths.checkEmail, { state: { email: result.value.email } });
  };

  const fromService = fieldErrors(intl, error);
  fromService.password ??= weakPasswordProblem(intl, error);

  const externalLink = (href: string) => (chunks: ReactNode[]) => (
    <a href={href} onClick={(e) => openExternalLink(e, api)}>
      {chunks}
    </a>
  );

  return (
    <>
      <PageHeading title={t('auth.createAccount.windowTitle')}>{t('auth.createAccount.title')}</PageHeading>
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && (
          <FormAlert id="create-account-alert">
            <p>{describeError(error)}</p>
          </FormAlert>
        )}
        <TextField
          label={t('auth.name.label')}
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={problems.name ?? fromService.name}
          inputRef={nameRef}
        />
        <EmailField
          label={t('auth.email.label')}
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={problems.email ?? fromService.email}
          inputRef={emailRef}
        />
        <PasswordField
          label={t('auth.password.label')}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={t('auth.password.hint', { minimum: PASSWORD_MIN_LENGTH })}
          error={problems.password ?? fromService.password}
          inputRef={passwordRef}
          below={<StrengthMeter password={password} personal={[name, email.split('@')[0] ?? '']} />}
        />
        <div className="field field-check">
          <input
            id={termsId}
            ref={termsRef}
            type="checkbox"
            checked={terms}
            onChange={(e) => setTerms(e.target.checked)}
            aria-invalid={problems.terms ? true : undefined}
            aria-describedby={problems.terms ? `${termsId}-error` : undefined}
            required
          />
          <label htmlFor={termsId}>
            <T
              id="auth.createAccount.terms"
              values={{ terms: externalLink(externalLinks.terms), privacy: externalLink(externalLinks.privacy) }}
            />
          </label>
          {problems.terms && (
            <p id={`${termsId}-error`} className="field-error">
              {problems.terms}
            </p>
          )}
        </div>
        <SubmitButton pending={pending} busyLabel={t('auth.createAccount.busy')}>
          {t('auth.createAccount.submit')}
        </SubmitButton>
      </form>
      <p className="auth-switch">
        <T id="auth.createAccount.haveAccount" values={{ link: (chunks) => <Link to={paths.signIn}>{chunks}</Link> }} />
      </p>
    </>
  );
}
