import { useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { paths } from '../../app/paths';
import { readRouteState } from '../../app/route-state';
import { PageHeading } from '../../components/PageHeading';
import { T, useT } from '../../i18n/use-t';
import { formatClock, useSecondsLeft } from '../../lib/countdown';

/** Used when the screen is reached without a deadline (e.g. typed in): the service's lock time. */
const FALLBACK_SECONDS = 15 * 60;

/**
 * After too many wrong passwords or 2-step codes (both count toward the same lockout). The
 * clock ticks every second for the eye; the live region speaks once a minute, so a screen
 * reader is told without being talked over.
 */
export function AccountLockedScreen() {
  const t = useT();
  const navigate = useNavigate();
  const arrived = readRouteState(useLocation().state);
  const [until] = useState(() => arrived.until ?? Date.now() + FALLBACK_SECONDS * 1000);
  const left = useSecondsLeft(until);
  const state = { email: arrived.email };

  return (
    <>
      <PageHeading title={t('auth.locked.windowTitle')}>{t('auth.locked.title')}</PageHeading>
      <p>{t('auth.locked.explanation')}</p>
      {left > 0 ? (
        <p className="countdown">
          <T
            id="auth.locked.tryAgainIn"
            values={{
              clock: formatClock(left),
              label: (chunks: ReactNode[]) => <span className="countdown-label">{chunks}</span>,
              timer: (chunks: ReactNode[]) => (
                <span role="timer" className="countdown-clock">
                  {chunks}
                </span>
              ),
            }}
          />
        </p>
      ) : (
        <p className="countdown countdown-done">{t('auth.locked.canTryNow')}</p>
      )}
      <p className="visually-hidden" aria-live="polite">
        {left > 0 ? t('auth.locked.minutesLeft', { minutes: Math.ceil(left / 60) }) : t('auth.locked.ended')}
      </p>
      <div className="button-row">
        {left === 0 && (
          <button type="button" className="button button-primary" onClick={() => navigate(paths.signIn, { state })}>
            {t('common.tryAgain')}
          </button>
        )}
        <button
          type="button"
          className={left === 0 ? 'button button-secondary' : 'button button-primary'}
          onClick={() => navigate(paths.forgotPassword, { state })}
        >
          {t('auth.locked.resetInstead')}
        </button>
      </div>
    </>
  );
}
