import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { readRouteState } from '../../app/route-state';
import { useAction } from '../../app/use-action';
import { emailProblem } from '../../auth/email-format';
import { BackToSignIn } from '../../components/BackToSignIn';
import { EmailField } from '../../components/EmailField';
import { FormAlert, FormNotice } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { SubmitButton } from '../../components/SubmitButton';
import { fieldErrors } from '../../errors/field-errors';
import { describeError } from '../../errors/messages';

/** Asks for a reset link. The answer never says whether the account exists. */
export function ForgotPasswordScreen() {
  const api = useApi();
  const arrived = readRouteState(useLocation().state);
  const [email, setEmail] = useState(arrived.email ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { pending, error, run } = useAction();
  const emailRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    setEmail(address);
    const issue = emailProblem(address);
    setProblem(issue);
    if (issue) {
      emailRef.current?.focus();
      return;
    }
    const result = await run(() => api.auth.requestPasswordReset({ email: address }));
    if (result?.ok) setSentTo(address);
  };

  if (sentTo) {
    return (
      <>
        {/* A key of its own: a new heading mounts, takes focus and is announced. */}
        <PageHeading key="sent" title="Check your e-mail" focusOnMount />
        <FormNotice>
          <p>
            If an account exists for <strong className="break-anywhere">{sentTo}</strong>, we’ve sent a link to reset its
            password. The link works for 30 minutes.
          </p>
        </FormNotice>
        <p>
          <Link className="button button-primary" to={paths.resetPassword} state={{ email: sentTo }}>
            Enter the code from the e-mail
          </Link>
        </p>
        <BackToSignIn email={sentTo} />
      </>
    );
  }

  return (
    <>
      <PageHeading title="Forgot password">Reset your password</PageHeading>
      <p>Enter the e-mail address of your Palisade account and we’ll send you a link to choose a new password.</p>
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && (
          <FormAlert id="forgot-alert">
            <p>{describeError(error)}</p>
          </FormAlert>
        )}
        <EmailField
          label="E-mail address"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={problem ?? fieldErrors(error).email}
          inputRef={emailRef}
        />
        <SubmitButton pending={pending} busyLabel="Sending…">
          Send reset link
        </SubmitButton>
      </form>
      <BackToSignIn email={email.trim()} />
    </>
  );
}
