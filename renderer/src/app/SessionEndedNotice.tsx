import type { SessionEnd } from '../../../shared/contract/session';
import { formatDateTime } from '../lib/dates';
import type { MessageId } from '../i18n/catalogues';
import { useFormat } from '../i18n/use-t';
import { useSessionStore } from '../stores/session-store';

const sentences: Record<SessionEnd['reason'], { named: MessageId; unnamed: MessageId }> = {
  password_changed: { named: 'auth.sessionEnded.passwordChanged', unnamed: 'auth.sessionEnded.passwordChanged.unnamed' },
  password_reset: { named: 'auth.sessionEnded.passwordReset', unnamed: 'auth.sessionEnded.passwordReset' },
  signed_out_everywhere: {
    named: 'auth.sessionEnded.signedOutEverywhere',
    unnamed: 'auth.sessionEnded.signedOutEverywhere.unnamed',
  },
  ended_elsewhere: { named: 'auth.sessionEnded.endedElsewhere', unnamed: 'auth.sessionEnded.endedElsewhere.unnamed' },
  refresh_token_reused: { named: 'auth.sessionEnded.refreshTokenReused', unnamed: 'auth.sessionEnded.refreshTokenReused' },
  // This app's own sign-out needs no explaining; the main process never reports it.
  signed_out: { named: 'auth.sessionEnded.endedElsewhere', unnamed: 'auth.sessionEnded.endedElsewhere.unnamed' },
};

/** Why the service ended this app's session (a password changed elsewhere, say), on the screens that follow it. */
export function SessionEndedNotice() {
  const intl = useFormat();
  const ended = useSessionStore((s) => s.ended);
  if (!ended) return null;
  const at = Date.parse(ended.at);
  // Usually just now: the time alone reads best; on another day, the date too.
  const today = new Date(at).toDateString() === new Date().toDateString();
  const time = today ? intl.formatTime(at, { timeStyle: 'short' }) : formatDateTime(intl, ended.at, 'medium');
  const { named, unnamed } = sentences[ended.reason];
  const id = ended.byDeviceName ? named : unnamed;
  return (
    <p className="banner banner-info" role="status">
      {intl.formatMessage({ id }, { device: ended.byDeviceName ?? '', time })}
    </p>
  );
}
