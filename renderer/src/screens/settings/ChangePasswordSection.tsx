import { useRef, useState, type FormEvent } from 'react';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLengthProblem } from '../../../../shared/password-policy';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { FormAlert, FormNotice } from '../../components/FormAlert';
import { PasswordField } from '../../components/PasswordField';
import { StrengthMeter } from '../../components/StrengthMeter';
import { SubmitButton } from '../../components/SubmitButton';
import { fieldErrors } from '../../errors/field-errors';
import { describeError } from '../../errors/messages';
import { selectUser, useSessionStore } from '../../stores/session-store';
import { wrongPassword } from './TurnOffTwoStepDialog';

interface Problems {
  currentPassword?: string;
  newPassword?: string;
}

const lengthSentence = {
  too_short: `Use at least ${PASSWORD_MIN_LENGTH} characters.`,
  too_long: `Use at most ${PASSWORD_MAX_LENGTH} characters.`,
} as const;

/**
 * Settings → Security → change password. The service always ends the other sessions when
 * the password changes (API.md), so the form says so instead of offering a choice it
 * could not honour.
 */
export function ChangePasswordSection() {
  const api = useApi();
  const user = useSessionStore(selectUser);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [notice, setNotice] = useState<string | null>(null);
  const { pending, error, run } = useAction();
  const currentRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  const alertId = 'change-password-alert';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const found: Problems = {};
    if (currentPassword === '') found.currentPassword = 'Enter your current password.';
    const length = passwordLengthProblem(newPassword);
    if (newPassword === '') found.newPassword = 'Enter a new password.';
    else if (length) found.newPassword = lengthSentence[length];
    else if (newPassword === currentPassword) found.newPassword = 'Choose a password different from your current one.';
    setProblems(found);
    if (found.currentPassword || found.newPassword) {
      (found.currentPassword ? currentRef : newRef).current?.focus();
      return;
    }
    const result = await run(() => api.account.changePassword({ currentPassword, newPassword }));
    if (!result) return;
    if (result.ok) {
      setCurrentPassword('');
      setNewPassword('');
      setNotice('Your password has been changed. Palisade on your other devices has been signed out; this device stays signed in.');
    } else if (result.error.code === 'INVALID_CREDENTIALS') {
      setCurrentPassword('');
      currentRef.current?.focus();
    } else if (result.error.code === 'WEAK_PASSWORD') {
      newRef.current?.focus();
    }
  };

  const fromService = fieldErrors(error);
  // These two belong to one field each; the rest go in the alert above the form.
  const currentWrong = error?.code === 'INVALID_CREDENTIALS' ? wrongPassword : undefined;
  const tooWeak = error?.code === 'WEAK_PASSWORD' ? describeError(error) : undefined;
  const general = error && !currentWrong && !tooWeak ? error : null;

  return (
    <section className="settings-section" aria-labelledby="password-heading">
      <h3 id="password-heading">Password</h3>
      {notice && <FormNotice>{notice}</FormNotice>}
      <form className="form settings-form" noValidate onSubmit={submit} aria-busy={pending}>
        {general && (
          <FormAlert id={alertId}>
            <p>{describeError(general)}</p>
          </FormAlert>
        )}
        <PasswordField
          label="Current password"
          value={currentPassword}
          onChange={setCurrentPassword}
          autoComplete="current-password"
          error={problems.currentPassword ?? currentWrong ?? fromService.currentPassword}
          inputRef={currentRef}
        />
        <PasswordField
          label="New password"
          value={newPassword}
          onChange={setNewPassword}
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a strong one.`}
          below={<StrengthMeter password={newPassword} personal={user ? [user.email, user.name] : []} />}
          error={problems.newPassword ?? tooWeak ?? fromService.newPassword}
          inputRef={newRef}
        />
        <p className="field-hint settings-note">
          Changing your password signs Palisade out on all your other devices. This device stays signed in.
        </p>
        <div>
          <SubmitButton pending={pending} busyLabel="Changing…">
            Change password
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
