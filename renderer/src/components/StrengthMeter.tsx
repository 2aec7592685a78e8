import { passwordStrength } from '../auth/password-strength';
import { T, useT } from '../i18n/use-t';

/**
 * How guessable the password looks, as a meter with a text label (colour is never the
 * only cue). Only a guide: the service decides what it refuses.
 */
export function StrengthMeter({ password, personal = [] }: { password: string; personal?: readonly string[] }) {
  const t = useT();
  const { score, verdict } = passwordStrength(password, personal);
  const label = t(`auth.strength.${verdict}`);
  return (
    <div className="strength">
      <div
        role="meter"
        aria-label={t('auth.strength.name')}
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={score}
        aria-valuetext={label}
        className="strength-bar"
        data-score={score}
      >
        <span />
        <span />
        <span />
        <span />
      </div>
      <p className="strength-label" aria-hidden="true">
        <T
          id="auth.strength.shown"
          values={{ verdict: password === '' ? '—' : label, strong: (chunks) => <strong>{chunks}</strong> }}
        />
      </p>
    </div>
  );
}
