import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { paths } from '../../app/paths';
import { readRouteState } from '../../app/route-state';
import { PageHeading } from '../../components/PageHeading';
import { describeWait } from '../../errors/messages';
import { formatClock, useSecondsLeft } from '../../lib/countdown';

/** Used when the screen is reached without a deadline (e.g. typed in): the service's lock time. */
const FALLBACK_SECONDS = 15 * 60;

/**
 * After too many wrong passwords or 2-step codes (both count toward the same lockout). The clock ticks every second for the eye; the live region
 * speaks once a minute, so a screen reader is told without being talked over.
 */
export function AccountLockedScreen() {
  const navigate = useNavigate();
  const arrived = readRouteState(useLocation().state);
  const [until] = useState(() => arrived.until ?? Date.now() + FALLBACK_SECONDS * 1000);
  const left = useSecondsLeft(until);
  const state = { email: arrived.email };

  return (
    <>
      <PageHeading title="Account locked">Your account is locked for now</PageHeading>
      <p>
        There were too many wrong passwords or sign-in codes in a row, so we’ve paused sign-in to keep your account
        safe. You can try again when the timer runs out, or reset your password to unlock it now.
      </p>
      {left > 0 ? (
        <p className="countdown">
          <span className="countdown-label">Try again in</span>{' '}
          <span role="timer" className="countdown-clock">
            {formatClock(left)}
          </span>
        </p>
      ) : (
        <p className="countdown countdown-done">You can try again now.</p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {left > 0
          ? `About ${describeWait(Math.ceil(left / 60) * 60)} left.`
          : 'The lock has ended. You can try again now.'}
      </p>
      <div className="button-row">
        {left === 0 && (
          <button type="button" className="button button-primary" onClick={() => navigate(paths.signIn, { state })}>
            Try again
          </button>
        )}
        <button
          type="button"
          className={left === 0 ? 'button button-secondary' : 'button button-primary'}
          onClick={() => navigate(paths.forgotPassword, { state })}
        >
          Reset your password instead
        </button>
      </div>
    </>
  );
}
