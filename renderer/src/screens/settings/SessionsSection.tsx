import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccountSession } from '../../../../shared/contract/security';
import type { AppError } from '../../../../shared/errors';
import { useApi } from '../../api/api-context';
import { settle } from '../../api/settle';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert, FormNotice } from '../../components/FormAlert';
import { describeError } from '../../errors/messages';
import { useSessionStore } from '../../stores/session-store';
import { formatDateTime, formatRelative } from '../../lib/dates';

const nameOf = (session: AccountSession) => session.deviceName ?? 'Unnamed device';

/** This device first, then the most recently used. */
const byRelevance = (a: AccountSession, b: AccountSession) =>
  Number(b.current) - Number(a.current) || Date.parse(b.lastUsedAt) - Date.parse(a.lastUsedAt);

type Confirming = { kind: 'end'; session: AccountSession } | { kind: 'everywhere' } | null;

/** Settings → Security → where the account is signed in, with a way to end any of it. */
export function SessionsSection() {
  const api = useApi();
  const [sessions, setSessions] = useState<AccountSession[] | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    const result = await settle(() => api.security.listSessions({}));
    if (result.ok) {
      setSessions([...result.value].sort(byRelevance));
      setLoadError(null);
    } else setLoadError(result.error);
    return result;
  }, [api]);

  useEffect(() => {
    let current = true;
    void settle(() => api.security.listSessions({})).then((result) => {
      if (!current) return;
      if (result.ok) setSessions([...result.value].sort(byRelevance));
      else setLoadError(result.error);
    });
    return () => {
      current = false;
    };
  }, [api]);

  const ask = (what: Confirming) => {
    setNotice(null);
    setConfirming(what);
  };

  const endSession = async (session: AccountSession): Promise<AppError | null> => {
    const result = await settle(() => api.security.endSession({ id: session.id }));
    if (!result.ok) return result.error;
    setConfirming(null);
    if (result.value.signedOut) return signedOutHere();
    setNotice(`${nameOf(session)} is signed out.`);
    // Drop it at once; the reload brings anything else that changed.
    setSessions((list) => list?.filter((s) => s.id !== session.id) ?? null);
    void load();
    return null;
  };

  const signOutEverywhere = async (): Promise<AppError | null> => {
    const result = await settle(() => api.security.signOutEverywhere({}));
    if (!result.ok) return result.error;
    return signedOutHere();
  };

  return (
    <section className="settings-section" aria-labelledby="sessions-heading">
      <h3 id="sessions-heading" ref={headingRef} tabIndex={-1}>
        Where you’re signed in
      </h3>
      <p>Palisade on each of these devices is signed in to your account. If you don’t recognise one, end it and change your password.</p>
      {notice && <FormNotice>{notice}</FormNotice>}
      {loadError && (
        <FormAlert id="sessions-alert">
          <p>We couldn’t load your sessions. {describeError(loadError)}</p>
          <p>
            <button type="button" className="button button-secondary" onClick={() => void load()}>
              Try again
            </button>
          </p>
        </FormAlert>
      )}
      {!sessions && !loadError && <p className="muted">Loading your sessions…</p>}
      {sessions && (
        <ul className="session-list" aria-label="Sessions">
          {sessions.map((session) => (
            <li key={session.id} className="session-item">
              <div className="session-details">
                <p className="session-name">
                  <strong>{nameOf(session)}</strong>
                  {session.current && <span className="tag tag-current">This device</span>}
                </p>
                <p className="session-meta">
                  Signed in <time dateTime={session.createdAt}>{formatDateTime(session.createdAt, 'medium')}</time>
                  {' · '}
                  Last active{' '}
                  <time dateTime={session.lastUsedAt} title={formatDateTime(session.lastUsedAt, 'medium')}>
                    {session.current ? 'now' : formatRelative(session.lastUsedAt)}
                  </time>
                </p>
              </div>
              {!session.current && (
                // The visible words start the name, so voice control users can say what they see.
                <button
                  type="button"
                  className="button button-secondary"
                  aria-label={`End session on ${nameOf(session)}`}
                  onClick={() => ask({ kind: 'end', session })}
                >
                  End session
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="button" className="button button-danger" onClick={() => ask({ kind: 'everywhere' })}>
          Sign out everywhere
        </button>
      </div>

      {confirming?.kind === 'end' && (
        <ConfirmDialog
          title="End this session?"
          confirmLabel="End session"
          destructive
          onConfirm={() => endSession(confirming.session)}
          onCancel={() => setConfirming(null)}
          fallbackFocus={() => headingRef.current}
        >
          <p>
            Palisade on <strong>{nameOf(confirming.session)}</strong> will be signed out. Anyone using it will need your password
            {' '}to sign in again.
          </p>
        </ConfirmDialog>
      )}
      {confirming?.kind === 'everywhere' && (
        <ConfirmDialog
          title="Sign out everywhere?"
          confirmLabel="Sign out everywhere"
          destructive
          onConfirm={signOutEverywhere}
          onCancel={() => setConfirming(null)}
          fallbackFocus={() => headingRef.current}
        >
          <p>Every device signed in to your account will be signed out, this one included. You’ll need your password to sign in again.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The main process has ended this session too (and says so with session.changed); leave the shell now. */
function signedOutHere(): null {
  const { session, received } = useSessionStore.getState();
  received({ user: null, storage: session?.storage ?? 'secure' });
  return null;
}
