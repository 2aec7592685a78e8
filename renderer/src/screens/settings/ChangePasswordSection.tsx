import { useRef, useState, type FormEvent } from 'react';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordLengthProblem } from '../../../../shared/password-policy';
import { changePassword } from '../../actions/security-actions';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { FormAlert, FormNotice } from '../../components/FormAlert';
import { PasswordField } from '../../components/PasswordField';
import { StrengthMeter } from '../../components/StrengthMeter';
import { SubmitButton } from '../../components/SubmitButton';
import { useFieldErrors } from '../../errors/field-errors';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { selectUser, useSessionStore } from '../../stores/session-store';

type Problem = 'enterCurrent' | 'enterNew' | 'tooShort' | 'tooLong' | 'same';

interface Problems {
  currentPassword?: Problem;
  newPassword?: Problem;
}

const lengthProblem = { too_short: 'tooShort', too_long: 'tooLong' } as const;

/**
 * Settings → Security → change password. The service always ends the other sessions when
 * the password changes, so the form says so instead of offering a choice it could not
 * honour.
 */
export function ChangePasswordSection() {
  const api = useApi();
  const t = useT();
  const describe = useDescribeError();
  const user = useSessionStore(selectUser);
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [changed, setChanged] = useState(false);
  const { pending, error, run } = useAction();
  const fromService = useFieldErrors(error);
  const currentRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  const alertId = 'change-password-alert';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    const found: Problems = {};
    if (currentPassword === '') found.currentPassword = 'enterCurrent';
    const length = passwordLengthProblem(newPassword);
    if (newPassword === '') found.newPassword = 'enterNew';
    else if (length) found.newPassword = lengthProblem[length];
    else if (newPassword === currentPassword) found.newPassword = 'same';
    setProblems(found);
    if (found.currentPassword || found.newPassword) {
      (found.currentPassword ? currentRef : newRef).current?.focus();
      return;
    }
    const result = await run(() => changePassword(api, currentPassword, newPassword));
    if (!result) return;
    if (result.ok) {
      setCurrentPassword('');
      setNewPassword('');
      setChanged(true);
    } else if (result.error.code === 'INVALID_CREDENTIALS') {
      setCurrentPassword('');
      currentRef.current?.focus();
    } else if (result.error.code === 'WEAK_PASSWORD') {
      newRef.current?.focus();
    }
  };

  const sentence = (problem: Problem | undefined) =>
    problem && t(`settings.password.${problem}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
  // These two belong to one field each; the rest go in the alert above the form.
  const currentWrong = error?.code === 'INVALID_CREDENTIALS' ? t('settings.password.wrong') : undefined;
  const tooWeak = error?.code === 'WEAK_PASSWORD' ? describe(error) : undefined;
  const general = error && !currentWrong && !tooWeak ? error : null;

  return (
    <section className="settings-section" aria-labelledby="password-heading">
      <h3 id="password-heading">
        <T id="settings.password.heading" />
      </h3>
      {changed && (
        <FormNotice>
          <T id="settings.password.changed" />
        </FormNotice>
      )}
      <form className="form settings-form" noValidate onSubmit={submit} aria-busy={pending}>
        {general && (
          <FormAlert id={alertId}>
            <p>{describe(general)}</p>
          </FormAlert>
        )}
        <PasswordField
          label={t('settings.password.current')}
          value={currentPassword}
          onChange={setCurrentPassword}
          autoComplete="current-password"
          error={sentence(problems.currentPassword) ?? currentWrong ?? fromService.currentPassword}
          inputRef={currentRef}
        />
        <PasswordField
          label={t('settings.password.new')}
          value={newPassword}
          onChange={setNewPassword}
          autoComplete="new-password"
          hint={t('settings.password.hint', { min: PASSWORD_MIN_LENGTH })}
          below={<StrengthMeter password={newPassword} personal={user ? [user.email, user.name] : []} />}
          error={sentence(problems.newPassword) ?? tooWeak ?? fromService.newPassword}
          inputRef={newRef}
        />
        <p className="field-hint settings-note">
          <T id="settings.password.note" />
        </p>
        <div>
          <SubmitButton pending={pending} busyLabel={t('settings.password.changing')}>
            <T id="settings.password.submit" />
          </SubmitButton>
        </div>
      </form>
    </section>
  );
}
