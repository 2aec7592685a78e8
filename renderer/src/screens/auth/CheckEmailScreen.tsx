import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { extractEmailToken } from '../../../../shared/contract/links';
import { useApi } from '../../api/api-context';
import { paths } from '../../app/paths';
import { readRouteState } from '../../app/route-state';
import { useAction } from '../../app/use-action';
import { BackToSignIn } from '../../components/BackToSignIn';
import { FormAlert, FormNotice } from '../../components/FormAlert';
import { PageHeading } from '../../components/PageHeading';
import { SubmitButton } from '../../components/SubmitButton';
import { TextField } from '../../components/TextField';
import { describeError } from '../../errors/messages';

export const pastedCodeProblem = 'That doesn’t look like the code or link from our e-mail. Copy it again and paste it here.';

/** After sign-up: where the e-mail went, and a field for its code or link. A `confirm` deep link lands here too. */
export function CheckEmailScreen() {
  const api = useApi();
  const navigate = useNavigate();
  const arrived = readRouteState(useLocation().state);
  const [pasted, setPasted] = useState(arrived.token ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const { pending, error, run } = useAction();
  const fieldRef = useRef<HTMLInputElement>(null);
  const autoConfirmed = useRef<string | null>(null);

  const confirm = useCallback(
    async (token: string) => {
      const result = await run(() => api.auth.confirmEmail({ code: token }));
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
    setProblem(token ? null : pastedCodeProblem);
    if (!token) {
      fieldRef.current?.focus();
      return;
    }
    void confirm(token);
  };

  return (
    <>
      <PageHeading title="Check your e-mail" />
      {arrived.email ? (
        <p>
          We sent a message to <strong className="break-anywhere">{arrived.email}</strong>. Select the link in it, or paste its
          code or link below.
        </p>
      ) : (
        <p>Open the message we sent you and select the link in it, or paste its code or link below.</p>
      )}
      <p className="muted">It can take a minute to arrive. If you can’t find it, look in your spam or junk folder.</p>
      {pending && arrived.token && <FormNotice>Confirming your e-mail address…</FormNotice>}
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && (
          <FormAlert id="check-email-alert">
            <p>{describeError(error)}</p>
          </FormAlert>
        )}
        <TextField
          label="Paste the code or the link from the e-mail"
          autoComplete="one-time-code"
          spellCheck={false}
          autoCapitalize="off"
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
          error={problem ?? undefined}
          alertId={error?.code === 'TOKEN_INVALID' ? 'check-email-alert' : undefined}
          inputRef={fieldRef}
        />
        <SubmitButton pending={pending} busyLabel="Confirming…">
          Confirm e-mail address
        </SubmitButton>
      </form>
      <BackToSignIn email={arrived.email} />
    </>
  );
}
