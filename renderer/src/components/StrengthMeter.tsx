import { passwordStrength } from '../auth/password-strength';

/**
 * How guessable the password looks, as a meter with a text label (colour is never the
 * only cue). Only a guide: the service decides what it refuses.
 */
export function StrengthMeter({ password, personal = [] }: { password: string; personal?: readonly string[] }) {
  const { score, label } = passwordStrength(password, personal);
  return (
    <div className="strength">
      <div
        role="meter"
        aria-label="Password strength"
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
        Strength: <strong>{password === '' ? '—' : label}</strong>
      </p>
    </div>
  );
}
