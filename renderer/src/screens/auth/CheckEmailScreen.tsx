import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { extractEmailToken } from '../../../../shared/contract/links';
import { confirmEmail } from '../../actions/auth-actions';
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
import { EmailCodeField } from './EmailCodeField';

/** After sign-up: where the e-mail went, and a field for its code or link. A `confirm` deep link lands here too. */
export function CheckEmailScreen() {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const navigate = useNavigate();
  const arrived = readRouteState(useLocation().state);
  const [pasted, setPasted] = useState(arrived.token ?? '');
  const [unrecognised, setUnrecognised] = useState(false);
  const { pending, error, run } = useAction();
  const fieldRef = useRef<HTMLInputElement>(null);
  const autoConfirmed = useRef<string | null>(null);

  const confirm = useCallback(
    async (token: string) => {
      const result = await run(() => confirmEmail(api, token));
      if (result?.ok) navigate(paths.signIn, { state: { email: arrived.email, notice: 'confirmed' } });
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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const token = extractEmailToken(pasted);
    setUnrecognised(!token);
    if (!token) {
      fieldRef.current?.focus();
      return;
    }
    void confirm(token);
  };

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
        {error && (
          <FormAlert id="check-email-alert">
            <p>{describeError(error)}</p>
          </FormAlert>
        )}
        <EmailCodeField
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          error={unrecognised ? t('auth.pastedCode.problem') : undefined}
          alertId={error?.code === 'TOKEN_INVALID' ? 'check-email-alert' : undefined}
          inputRef={fieldRef}
        />
        <SubmitButton pending={pending} busyLabel={t('auth.checkEmail.busy')}>
          {t('auth.checkEmail.submit')}
        </SubmitButton>
      </form>
      <BackToSignIn email={arrived.email} />
    </>
  );
}
