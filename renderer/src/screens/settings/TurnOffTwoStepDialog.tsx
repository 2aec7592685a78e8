import { useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { PasswordField } from '../../components/PasswordField';
import { describeError } from '../../errors/messages';

/** Here a wrong password is about this one field, not an e-mail and password pair. */
export const wrongPassword = 'That isn’t your current password. Check it and try again.';

const sentenceFor = (error: AppError) => (error.code === 'INVALID_CREDENTIALS' ? wrongPassword : describeError(error));

/** Turning 2-step verification off asks for the password, so a borrowed unlocked computer is not enough. */
export function TurnOffTwoStepDialog({ onDisabled, onClose, fallbackFocus }: { onDisabled(): void; onClose(): void; fallbackFocus?: () => HTMLElement | null }) {
  const api = useApi();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { pending, error, run } = useAction();
  const passwordRef = useRef<HTMLInputElement>(null);
  const alertId = 'totp-disable-alert';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const issue = password === '' ? 'Enter your password.' : null;
    setProblem(issue);
    if (issue) {
      passwordRef.current?.focus();
      return;
    }
    const result = await run(() => api.security.disableTotp({ password }));
    if (!result) return;
    if (result.ok) onDisabled();
    else {
      setPassword('');
      passwordRef.current?.focus();
    }
  };

  return (
    <Dialog
      title="Turn off 2-step verification?"
      description={
        <p>
          Signing in will need only your password again, and your recovery codes will stop working. Enter your password to
          confirm.
        </p>
      }
      onClose={() => !pending && onClose()}
      initialFocusRef={passwordRef}
      {...(fallbackFocus && { fallbackFocus })}
    >
      <form className="form" noValidate onSubmit={submit} aria-busy={pending}>
        {error && (
          <FormAlert id={alertId}>
            <p>{sentenceFor(error)}</p>
          </FormAlert>
        )}
        <PasswordField
          label="Password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          error={problem ?? undefined}
          alertId={error ? alertId : undefined}
          inputRef={passwordRef}
        />
        <div className="button-row dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose} disabled={pending}>
            Cancel
          </button>
          <button type="submit" className="button button-danger" aria-disabled={pending}>
            {pending ? 'Turning off…' : 'Turn off'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
