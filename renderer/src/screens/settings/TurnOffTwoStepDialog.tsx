import { useRef, useState, type FormEvent } from 'react';
import { turnOffTwoStep } from '../../actions/security-actions';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { PasswordField } from '../../components/PasswordField';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';

/** Turning 2-step verification off asks for the password, so a borrowed unlocked computer is not enough. */
export function TurnOffTwoStepDialog({
  onDisabled,
  onClose,
  fallbackFocus,
}: {
  onDisabled(): void;
  onClose(): void;
  fallbackFocus?: () => HTMLElement | null;
}) {
  const api = useApi();
  const t = useT();
  const describe = useDescribeError();
  const [password, setPassword] = useState('');
  const [empty, setEmpty] = useState(false);
  const { pending, error, run } = useAction();
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertId = 'totp-disable-alert';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setEmpty(password === '');
    if (password === '') {
      passwordRef.current?.focus();
      return;
    }
    const result = await run(() => turnOffTwoStep(api, password));
    if (!result) return;
    if (result.ok) onDisabled();
    else {
      setPassword('');
      passwordRef.current?.focus();
    }
  };

  return (
    <Dialog
      title={t('settings.turnOff.title')}
      description={
        <p>
          <T id="settings.turnOff.description" />
        </p>
      }
      onClose={() => !pending && onClose()}
      initialFocusRef={passwordRef}
      {...(fallbackFocus && { fallbackFocus })}
    >
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && (
          <FormAlert id={alertId}>
            {/* Here a wrong password is about this one field, not an e-mail and password pair. */}
            <p>{error.code === 'INVALID_CREDENTIALS' ? t('settings.password.wrong') : describe(error)}</p>
          </FormAlert>
        )}
        <PasswordField
          label={t('settings.turnOff.passwordLabel')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          error={empty ? t('settings.turnOff.enterPassword') : undefined}
          alertId={error ? alertId : undefined}
          inputRef={passwordRef}
        />
        <div className="button-row dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose} disabled={pending}>
            <T id="common.cancel" />
          </button>
          <button type="submit" className="button button-danger" aria-disabled={pending}>
            {pending ? t('settings.turnOff.turningOff') : t('settings.turnOff.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
