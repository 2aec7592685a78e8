import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLengthProblem } from '../../../../shared/password-policy';
import { useApi } from '../../api/api-context';
import { externalLinks, openExternalLink } from '../../app/external-links';
import { paths } from '../../app/paths';
import { useAction } from '../../app/use-action';
import { emailProblem } from '../../auth/email-format';
import { EmailField } from '../../components/EmailField';
import { FormAlert } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { PasswordField } from '../../components/PasswordField';
import { StrengthMeter } from '../../components/StrengthMeter';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { fieldErrors } from '../../errors/field-errors';
import { describeError } from '../../errors/messages';

interface Problems {
  name?: string;
  email?: string;
  password?: string;
  terms?: string;
}

const passwordHint = `Use at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong password that is easy to remember.`;

export function CreateAccountScreen() {
  const api = useApi();
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
    if (cleanName === '') found.name = 'Enter your name.';
    const emailIssue = emailProblem(address);
    if (emailIssue) found.email = emailIssue;
    const length = passwordLengthProblem(password);
    if (length === 'too_short') found.password = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    if (length === 'too_long') found.password = `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
    if (!terms) found.terms = 'Agree to the terms to create your account.';
    setProblems(found);
    // Fields in page order: focus goes to the first one that needs attention.
    const first = (['name', 'email', 'password', 'terms'] as const).find((field) => found[field]);
    if (first) {
      ({ name: nameRef, email: emailRef, password: passwordRef, terms: termsRef })[first].current?.focus();
      return;
    }

    const result = await run(() => api.auth.signUp({ name: cleanName, email: address, password }));
    if (result?.ok) navigate(paths.checkEmail, { state: { email: result.value.email } });
  };

  const fromService = fieldErrors(error);
  if (error?.code === 'EMAIL_TAKEN') fromService.email ??= 'An account already uses this e-mail address.';
  if (error?.code === 'WEAK_PASSWORD') fromService.password ??= 'This password is too common or too easy to guess.';

  return (
    <>
      <PageHeading title="Create account">Create your Palisade account</PageHeading>
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && (
          <FormAlert id="create-account-alert">
            <p>{describeError(error)}</p>
            {error.code === 'EMAIL_TAKEN' && (
              <p>
                <Link to={paths.signIn} state={{ email: email.trim() }}>
                  Sign in instead
                </Link>
              </p>
            )}
          </FormAlert>
        )}
        <TextField
          label="Your name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={problems.name ?? fromService.name}
          inputRef={nameRef}
        />
        <EmailField
          label="E-mail address"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={problems.email ?? fromService.email}
          inputRef={emailRef}
        />
        <PasswordField
          label="Password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={passwordHint}
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
            I agree to the Palisade{' '}
            <a href={externalLinks.terms} onClick={(e) => openExternalLink(e, api)}>
              Terms of Service
            </a>{' '}
            and{' '}
            <a href={externalLinks.privacy} onClick={(e) => openExternalLink(e, api)}>
              Privacy Policy
            </a>
            .
          </label>
          {problems.terms && (
            <p id={`${termsId}-error`} className="field-error">
              {problems.terms}
            </p>
          )}
        </div>
        <SubmitButton pending={pending} busyLabel="Creating your account…">
          Create account
        </SubmitButton>
      </form>
      <p className="auth-switch">
        Already have an account? <Link to={paths.signIn}>Sign in</Link>
      </p>
    </>
  );
}
