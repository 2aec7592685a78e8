import { useRef, useState } from 'react';
import type { TotpSetup } from '../../../../shared/contract/security';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { FormAlert, FormNotice } from '../../components/FormAlert';
import { describeError } from '../../errors/messages';
import { selectUser, useSessionStore } from '../../stores/session-store';
import { TurnOffTwoStepDialog } from './TurnOffTwoStepDialog';
import { TurnOnTwoStepDialog } from './TurnOnTwoStepDialog';

/**
 * Shows the change at once; the main process also pushes session.changed, which says the
 * same, so this only saves a moment of the old state.
 */
function reflectMfa(enabled: boolean) {
  const { session, received } = useSessionStore.getState();
  if (session?.user) received({ ...session, user: { ...session.user, mfaEnabled: enabled } });
}

type Open = { kind: 'on'; setup: TotpSetup } | { kind: 'off' } | null;

/** Settings → Security → 2-step verification: its state, and the way to turn it on or off. */
export function TwoStepSection() {
  const api = useApi();
  const user = useSessionStore(selectUser);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { pending, error, run } = useAction();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const enabled = user?.mfaEnabled ?? false;

  const turnOn = async () => {
    setNotice(null);
    // Setup starts on the click, not in an effect, so it runs exactly once per opening.
    const result = await run(() => api.security.startTotpSetup({}));
    if (result?.ok) setOpen({ kind: 'on', setup: result.value });
  };

  return (
    <section className="settings-section" aria-labelledby="two-step-heading">
      <h3 id="two-step-heading" ref={headingRef} tabIndex={-1}>
        2-step verification
      </h3>
      <p>
        Besides your password, signing in asks for a code from an authenticator app on your phone, so a stolen password alone
        isn’t enough.
      </p>
      <p className="setting-state">
        Status: <strong className={enabled ? 'state-on' : 'state-off'}>{enabled ? 'On' : 'Off'}</strong>
      </p>
      {notice && <FormNotice>{notice}</FormNotice>}
      {error && (
        <FormAlert id="two-step-alert">
          <p>{describeError(error)}</p>
        </FormAlert>
      )}
      {enabled ? (
        <button type="button" className="button button-secondary" onClick={() => {
            setNotice(null);
            setOpen({ kind: 'off' });
          }}>
          Turn off 2-step verification
        </button>
      ) : (
        <button type="button" className="button button-primary" onClick={() => void turnOn()} aria-disabled={pending}>
          {pending ? 'Preparing…' : 'Turn on 2-step verification'}
        </button>
      )}

      {open?.kind === 'on' && (
        <TurnOnTwoStepDialog
          setup={open.setup}
          onEnabled={() => reflectMfa(true)}
          onClose={() => {
            setOpen(null);
            if (useSessionStore.getState().session?.user?.mfaEnabled) setNotice('2-step verification is on. You’ll need a code from your app each time you sign in.');
          }}
          fallbackFocus={() => headingRef.current}
        />
      )}
      {open?.kind === 'off' && (
        <TurnOffTwoStepDialog
          onDisabled={() => {
            reflectMfa(false);
            setOpen(null);
            setNotice('2-step verification is off. Signing in needs only your password now.');
          }}
          onClose={() => setOpen(null)}
          fallbackFocus={() => headingRef.current}
        />
      )}
    </section>
  );
}
