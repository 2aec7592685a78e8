import { useRef, useState } from 'react';
import type { TotpSetup } from '../../../../shared/contract/security';
import { startTwoStepSetup } from '../../actions/security-actions';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { FormAlert, FormNotice } from '../../components/FormAlert';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { selectUser, useSessionStore } from '../../stores/session-store';
import { TurnOffTwoStepDialog } from './TurnOffTwoStepDialog';
import { TurnOnTwoStepDialog } from './TurnOnTwoStepDialog';

type Open = { kind: 'on'; setup: TotpSetup } | { kind: 'off' } | null;

/** Settings → Security → 2-step verification: its state, and the way to turn it on or off. */
export function TwoStepSection() {
  const api = useApi();
  const t = useT();
  const describe = useDescribeError();
  const user = useSessionStore(selectUser);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<'isOn' | 'isOff' | null>(null);
  const { pending, error, run } = useAction();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const enabled = user?.mfaEnabled ?? false;

  const turnOn = async () => {
    setNotice(null);
    // Setup starts on the click, not in an effect, so it runs exactly once per opening.
    const result = await run(() => startTwoStepSetup(api));
    if (result?.ok) setOpen({ kind: 'on', setup: result.value });
  };

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
      {error && (
        <FormAlert id="two-step-alert">
          <p>{describe(error)}</p>
        </FormAlert>
      )}
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
        <button type="button" className="button button-primary" onClick={() => void turnOn()} aria-disabled={pending}>
          {pending ? t('settings.twoStep.preparing') : t('settings.twoStep.turnOn')}
        </button>
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
