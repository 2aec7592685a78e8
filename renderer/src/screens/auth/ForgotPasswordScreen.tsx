import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { requestPasswordReset } from '../../actions/auth-actions';
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
import { useFieldErrors } from '../../errors/field-errors';
import { useDescribeError } from '../../errors/messages';
import type { MessageId } from '../../i18n/catalogues';
import { T, useT } from '../../i18n/use-t';

/** Asks for a reset link. The answer never says whether the account exists. */
export function ForgotPasswordScreen() {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const arrived = readRouteState(useLocation().state);
  const [email, setEmail] = useState(arrived.email ?? '');
  const [problem, setProblem] = useState<MessageId | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { pending, error, run } = useAction();
  const fromService = useFieldErrors(error);
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
    const result = await run(() => requestPasswordReset(api, address));
    if (result?.ok) setSentTo(address);
  };

  if (sentTo) {
    return (
      <>
        {/* A key of its own: a new heading mounts, takes focus and is announced. */}
        <PageHeading key="sent" title={t('auth.checkEmail.title')} focusOnMount />
        <FormNotice>
          <p>
            <T
              id="auth.forgot.sent"
              values={{
                email: sentTo,
                strong: (chunks: ReactNode[]) => <strong className="break-anywhere">{chunks}</strong>,
              }}
            />
          </p>
        </FormNotice>
        <p>
          <Link className="button button-primary" to={paths.resetPassword} state={{ email: sentTo }}>
            {t('auth.enterCode')}
          </Link>
        </p>
        <BackToSignIn email={sentTo} />
      </>
    );
  }

  return (
    <>
      <PageHeading title={t('auth.forgot.windowTitle')}>{t('auth.forgot.title')}</PageHeading>
      <p>{t('auth.forgot.intro')}</p>
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && (
          <FormAlert id="forgot-alert">
            <p>{describeError(error)}</p>
          </FormAlert>
        )}
        <EmailField
          label={t('auth.email.label')}
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={problem ? t(problem) : fromService.email}
          inputRef={emailRef}
        />
        <SubmitButton pending={pending} busyLabel={t('auth.forgot.busy')}>
          {t('auth.forgot.submit')}
        </SubmitButton>
      </form>
      <BackToSignIn email={email.trim()} />
    </>
  );
}
