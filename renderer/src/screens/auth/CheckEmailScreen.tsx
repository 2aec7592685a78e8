import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { Link, useLocation, useNavigate } from 'react-router';
import { extractEmailToken } from '../../../../shared/contract/links';
import { isEmailCodeShaped } from '../../../../shared/email-code';
import { confirmEmail, resendConfirmation } from '../../actions/auth-actions';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { readRouteState } from '../../app/route-state';
import { useAction } from '../../app/use-action';
import { BackToSignIn } from '../../components/BackToSignIn';
import { FormAlert, FormNotice } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { SubmitButton } from '../../components/SubmitButton';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { emailCodeProblem } from './code-problem';
import { EmailCodeField } from './EmailCodeField';

/** The service sends at most one confirmation e-mail a minute (docs/api.md "Identity"). */
export const RESEND_AFTER_SECONDS = 60;

/**
 * After sign-up: where the e-mail went, a field for the code it shows (or its link), a new
 * e-mail, and a way back to use another address. Confirming signs in at once when the app
 * still holds the password just chosen. A `confirm` deep link lands here too.
 */
export function CheckEmailScreen() {
  const api = useApi();
  const t = useT();
  const intl = useIntl();
  const describeError = useDescribeError();
  const navigate = useNavigate();
  const arrived = readRouteState(useLocation().state);
  const [typed, setTyped] = useState(arrived.token ?? '');
  const [unrecognised, setUnrecognised] = useState(false);
  const [resendIn, setResendIn] = useState(0);
  const [resent, setResent] = useState(false);
  const { pending, error, run } = useAction();
  const fieldRef = useRef<HTMLInputElement>(null);
  const autoConfirmed = useRef<string | null>(null);

  const confirm = useCallback(
    async (code: string, email?: string) => {
      const result = await run(() => confirmEmail(api, code, email));
      // Signed in: the shell takes over once the store holds a user; the guard does the navigating.
      if (result?.ok && result.value.status === 'confirmed') {
        navigate(paths.signIn, { state: { email: arrived.email, notice: 'confirmed' } });
      }
      if (result && !result.ok) fieldRef.current?.focus();
    },
    [api, run, navigate, arrived.email],
  );

  // A deep link carries the token: confirm straight away, once per token (StrictMode
  // runs effects twice, and a token works only once).
  useEffect(() => {
    const token = arrived.token;
    if (!token || autoConfirmed.current === token) return;
    autoConfirmed.current = token;
    void confirm(token);
  }, [arrived.token, confirm]);

  // The countdown until another e-mail may be asked for.
  useEffect(() => {
    if (resendIn <= 0) return;
    const timer = setTimeout(() => setResendIn((seconds) => seconds - 1), 1000);
    return () => clearTimeout(timer);
  }, [resendIn]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The 8-character code goes with the address it was sent to; anything else is a pasted link.
    if (arrived.email && isEmailCodeShaped(typed)) {
      setUnrecognised(false);
      void confirm(typed, arrived.email);
      return;
    }
    const token = extractEmailToken(typed);
    setUnrecognised(!token);
    if (!token) {
      fieldRef.current?.focus();
      return;
    }
    void confirm(token);
  };

  const resend = async () => {
    if (!arrived.email) return;
    setResendIn(RESEND_AFTER_SECONDS);
    const result = await resendConfirmation(api, arrived.email);
    setResent(result.ok);
  };

  const codeProblem = emailCodeProblem(intl, error);
  const strong = (chunks: ReactNode[]) => <strong className="break-anywhere">{chunks}</strong>;

  return (
    <>
      <PageHeading title={t('auth.checkEmail.title')} />
      <p>
        {arrived.email ? (
          <T id="auth.checkEmail.sentTo" values={{ email: arrived.email, strong }} />
        ) : (
          t('auth.checkEmail.sent')
        )}
      </p>
      <p className="muted">{t('auth.checkEmail.spam')}</p>
      {pending && arrived.token && <FormNotice>{t('auth.checkEmail.confirming')}</FormNotice>}
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && !codeProblem && (
          <FormAlert id="check-email-alert">
            <p>{describeError(error)}</p>
          </FormAlert>
        )}
        <EmailCodeField
          label={arrived.email ? t('auth.checkEmail.codeLabel') : undefined}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          error={unrecognised ? t('auth.checkEmail.codeProblem') : codeProblem}
          alertId={error && !codeProblem ? 'check-email-alert' : undefined}
          inputRef={fieldRef}
        />
        <SubmitButton pending={pending} busyLabel={t('auth.checkEmail.busy')}>
          {t('auth.checkEmail.submit')}
        </SubmitButton>
      </form>
      {arrived.email && (
        <div className="form-aside">
          <button type="button" className="link-button" onClick={() => void resend()} disabled={resendIn > 0}>
            {t('auth.checkEmail.resend')}
          </button>
          <p role="status" className="muted">
            {resendIn > 0
              ? t(resent ? 'auth.checkEmail.resentWait' : 'auth.checkEmail.resendWait', { seconds: resendIn })
              : ''}
          </p>
          <p>
            <Link to={paths.createAccount}>{t('auth.checkEmail.otherAddress')}</Link>
          </p>
        </div>
      )}
      <BackToSignIn email={arrived.email} />
    </>
  );
}
