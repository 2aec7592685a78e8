import { useRef, useState, type FormEvent } from 'react';
import type { Result } from '../../../../shared/errors';
import { useAction } from '../../app/use-action';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { PasswordField } from '../../components/PasswordField';
import { useDescribeError } from '../../errors/messages';
import { useT } from '../../i18n/use-t';

export interface PasswordCheckDialogProps<T> {
  title: string;
  description: string;
  submitLabel: string;
  busyLabel: string;
  /** A change that weakens the account is styled as a danger. */
  tone: 'primary' | 'danger';
  /** What the password unlocks: the service checks it, so a borrowed unlocked computer is not enough. */
  action(password: string): Promise<Result<T>>;
  onDone(value: T): void;
  onClose(): void;
  fallbackFocus?: () => HTMLElement | null;
}

/** Asks for the account's password before a change to how the account is protected. */
export function PasswordCheckDialog<T>({
  title,
  description,
  submitLabel,
  busyLabel,
  tone,
  action,
  onDone,
  onClose,
  fallbackFocus,
}: PasswordCheckDialogProps<T>) {
  const t = useT();
  const describe = useDescribeError();
  const [password, setPassword] = useState('');
  const [empty, setEmpty] = useState(false);
  const { pending, error, run } = useAction();
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertId = 'password-check-alert';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setEmpty(password === '');
    if (password === '') {
      passwordRef.current?.focus();
      return;
    }
    const result = await run(() => action(password));
    if (!result) return;
    if (result.ok) onDone(result.value);
    else {
      setPassword('');
      passwordRef.current?.focus();
    }
  };

  return (
    <Dialog
      title={title}
      description={<p>{description}</p>}
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
            {t('common.cancel')}
          </button>
          <button type="submit" className={`button button-${tone}`} aria-disabled={pending}>
            {pending ? busyLabel : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
