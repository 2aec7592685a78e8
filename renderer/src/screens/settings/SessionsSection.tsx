import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountSession } from '../../../../shared/contract/security';
import type { AppError } from '../../../../shared/errors';
import { endSession, listSessions, signOutEverywhere } from '../../actions/security-actions';
import { useApi } from '../../api/api-context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert, FormNotice } from '../../components/FormAlert';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { useDates } from '../../lib/dates';

type Confirming = { kind: 'end'; session: AccountSession } | { kind: 'everywhere' } | null;

/** Settings → Security → where the account is signed in, with a way to end any of it. */
export function SessionsSection() {
  const api = useApi();
  const t = useT();
  const describe = useDescribeError();
  const { formatDateTime, formatRelative } = useDates();
  const [sessions, setSessions] = useState<AccountSession[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  // The name of the device just signed out, for the notice.
  const [ended, setEnded] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const nameOf = (session: AccountSession) => session.deviceName ?? t('settings.sessions.unnamed');

  const load = useCallback(async () => {
    const result = await listSessions(api);
    if (result.ok) {
      setSessions(result.value);
      setLoadError(null);
    } else setLoadError(result.error);
    return result;
  }, [api]);

  useEffect(() => {
    let current = true;
    void listSessions(api).then((result) => {
      if (!current) return;
      if (result.ok) setSessions(result.value);
      else setLoadError(result.error);
    });
    return () => {
      current = false;
    };
  }, [api]);

  const ask = (what: Confirming) => {
    setEnded(null);
    setConfirming(what);
  };

  const end = async (session: AccountSession): Promise<AppError | null> => {
    const result = await endSession(api, session.id);
    if (!result.ok) return result.error;
    setConfirming(null);
    // Signed out here: the app is leaving the shell already.
    if (result.value.signedOut) return null;
    setEnded(nameOf(session));
    // Drop it at once; the reload brings anything else that changed.
    setSessions((list) => list?.filter((s) => s.id !== session.id) ?? null);
    void load();
    return null;
  };

  const everywhere = async (): Promise<AppError | null> => {
    const result = await signOutEverywhere(api);
    return result.ok ? null : result.error;
  };

  return (
    <section className="settings-section" aria-labelledby="sessions-heading">
      <h3 id="sessions-heading" ref={headingRef} tabIndex={-1}>
        <T id="settings.sessions.heading" />
      </h3>
      <p>
        <T id="settings.sessions.intro" />
      </p>
      {ended && <FormNotice>{t('settings.sessions.ended', { name: ended })}</FormNotice>}
      {loadError && (
        <FormAlert id="sessions-alert">
          <p>{t('settings.sessions.loadFailed', { reason: describe(loadError) })}</p>
          <p>
            <button type="button" className="button button-secondary" onClick={() => void load()}>
              <T id="common.tryAgain" />
            </button>
          </p>
        </FormAlert>
      )}
      {!sessions && !loadError && (
        <p className="muted">
          <T id="settings.sessions.loading" />
        </p>
      )}
      {sessions && (
        <ul className="session-list" aria-label={t('settings.sessions.listLabel')}>
          {sessions.map((session) => (
            <li key={session.id} className="session-item">
              <div className="session-details">
                <p className="session-name">
                  <strong>{nameOf(session)}</strong>
                  {session.current && (
                    <span className="tag tag-current">
                      <T id="settings.sessions.thisDevice" />
                    </span>
                  )}
                </p>
                <p className="session-meta">
                  <T
                    id="settings.sessions.meta"
                    values={{
                      signedInAt: formatDateTime(session.createdAt, 'medium'),
                      lastActive: session.current ? t('settings.sessions.now') : formatRelative(session.lastUsedAt),
                      signedInTime: (chunks) => <time dateTime={session.createdAt}>{chunks}</time>,
                      lastActiveTime: (chunks) => (
                        <time dateTime={session.lastUsedAt} title={formatDateTime(session.lastUsedAt, 'medium')}>
                          {chunks}
                        </time>
                      ),
                    }}
                  />
                </p>
              </div>
              {!session.current && (
                // The visible words start the name, so voice control users can say what they see.
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={t('settings.sessions.endOn', { name: nameOf(session) })}
                  onClick={() => ask({ kind: 'end', session })}
                >
                  <T id="settings.sessions.end" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="button" className="button button-danger" onClick={() => ask({ kind: 'everywhere' })}>
          <T id="settings.sessions.everywhere" />
        </button>
      </div>

      {confirming?.kind === 'end' && (
        <ConfirmDialog
          title={t('settings.sessions.confirmEndTitle')}
          confirmLabel={t('settings.sessions.end')}
          destructive
          onConfirm={() => end(confirming.session)}
          onCancel={() => setConfirming(null)}
          fallbackFocus={() => headingRef.current}
        >
          <p>
            <T
              id="settings.sessions.confirmEnd"
              values={{ name: nameOf(confirming.session), strong: (chunks) => <strong>{chunks}</strong> }}
            />
          </p>
        </ConfirmDialog>
      )}
      {confirming?.kind === 'everywhere' && (
        <ConfirmDialog
          title={t('settings.sessions.confirmEverywhereTitle')}
          confirmLabel={t('settings.sessions.everywhere')}
          destructive
          onConfirm={everywhere}
          onCancel={() => setConfirming(null)}
          fallbackFocus={() => headingRef.current}
        >
          <p>
            <T id="settings.sessions.confirmEverywhere" />
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
