import { turnOffTwoStep } from '../../actions/security-actions';
import { useApi } from '../../api/api-context';
import { useT } from '../../i18n/use-t';
import { PasswordCheckDialog } from './PasswordCheckDialog';

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
  return (
    <PasswordCheckDialog
      title={t('settings.turnOff.title')}
      description={t('settings.turnOff.description')}
      submitLabel={t('settings.turnOff.submit')}
      busyLabel={t('settings.turnOff.turningOff')}
      tone="danger"
      action={(password) => turnOffTwoStep(api, password)}
      onDone={onDisabled}
      onClose={onClose}
      {...(fallbackFocus && { fallbackFocus })}
    />
  );
}
