import { useRef, useState } from 'react';
import type { TotpSetup } from '../../../../shared/contract/security';
import { startTwoStepSetup } from '../../actions/security-actions';
import { useApi } from '../../api/api-context';
import { FormNotice } from '../../components/FormAlert';
import { T, useT } from '../../i18n/use-t';
import { selectUser, useSessionStore } from '../../stores/session-store';
import { PasswordCheckDialog } from './PasswordCheckDialog';
import { TurnOffTwoStepDialog } from './TurnOffTwoStepDialog';
import { TurnOnTwoStepDialog } from './TurnOnTwoStepDialog';

// Turning it on starts with the password: an access token alone must not be enough to set it up.
type Open = { kind: 'password' } | { kind: 'on'; setup: TotpSetup } | { kind: 'off' } | null;

/** Settings → Security → 2-step verification: its state, and the way to turn it on or off. */
export function TwoStepSection() {
  const api = useApi();
  const t = useT();
  const user = useSessionStore(selectUser);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<'isOn' | 'isOff' | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const enabled = user?.mfaEnabled ?? false;

  return (
    <section className="settings-section" aria-labelledby="two-step-heading">
      <h3 id="two-step-heading" ref={headingRef} tabIndex={-1}>
        <T id="settings.twoStep.heading" />
      </h3>
      <p>
        <T id="settings.twoStep.intro" />
      </p>
      <p className="setting-state">
        <T
          id="settings.twoStep.status"
          values={{
            enabled: String(enabled),
            state: (chunks) => <strong className={enabled ? 'state-on' : 'state-off'}>{chunks}</strong>,
          }}
        />
      </p>
      {notice && <FormNotice>{t(`settings.twoStep.${notice}`)}</FormNotice>}
      {enabled ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setNotice(null);
            setOpen({ kind: 'off' });
          }}
        >
          <T id="settings.twoStep.turnOff" />
        </button>
      ) : (
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            setNotice(null);
            setOpen({ kind: 'password' });
          }}
        >
          <T id="settings.twoStep.turnOn" />
        </button>
      )}

      {open?.kind === 'password' && (
        <PasswordCheckDialog
          title={t('settings.turnOn.title')}
          description={t('settings.turnOn.passwordIntro')}
          submitLabel={t('settings.turnOn.continue')}
          busyLabel={t('settings.twoStep.preparing')}
          tone="primary"
          action={(password) => startTwoStepSetup(api, password)}
          onDone={(setup) => setOpen({ kind: 'on', setup })}
          onClose={() => setOpen(null)}
          fallbackFocus={() => headingRef.current}
        />
      )}
      {open?.kind === 'on' && (
        <TurnOnTwoStepDialog
          setup={open.setup}
          onClose={() => {
            setOpen(null);
            if (useSessionStore.getState().session?.user?.mfaEnabled) setNotice('isOn');
          }}
          fallbackFocus={() => headingRef.current}
        />
      )}
      {open?.kind === 'off' && (
        <TurnOffTwoStepDialog
          onDisabled={() => {
            setOpen(null);
            setNotice('isOff');
          }}
          onClose={() => setOpen(null)}
          fallbackFocus={() => headingRef.current}
        />
      )}
    </section>
  );
}
