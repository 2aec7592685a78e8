import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TotpSetup } from '../../../../shared/contract/security';
import { turnOnTwoStep } from '../../actions/security-actions';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { CodeField, withoutSpaces } from '../../components/CodeField';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { QrCode } from '../../components/QrCode';
import { SubmitButton } from '../../components/SubmitButton';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { RecoveryCodesStep } from './RecoveryCodesStep';
import { groupSecret, otpauthAccount } from './secret-format';

type Step = 'scan' | 'confirm' | 'codes';

const stepTitles = {
  scan: 'settings.turnOn.stepScan',
  confirm: 'settings.turnOn.stepConfirm',
  codes: 'settings.turnOn.stepCodes',
} as const;

export interface TurnOnTwoStepDialogProps {
  setup: TotpSetup;
  onClose(): void;
  fallbackFocus?: () => HTMLElement | null;
}

/**
 * Turning on 2-step verification, one step at a time: scan the QR code (or type the key),
 * prove it works with a code, then keep the recovery codes. Until the code is confirmed
 * nothing has changed, so closing early is harmless; once the codes are shown, the dialog
 * stays until the person says they have saved them.
 */
export function TurnOnTwoStepDialog({ setup, onClose, fallbackFocus }: TurnOnTwoStepDialogProps) {
  const api = useApi();
  const t = useT();
  const describe = useDescribeError();
  const [step, setStep] = useState<Step>('scan');
  const [code, setCode] = useState('');
  const [codeWrong, setCodeWrong] = useState(false);
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>([]);
  const [codesSaved, setCodesSaved] = useState(false);
  const [notSaved, setNotSaved] = useState(false);
  const savedCheckRef = useRef<HTMLInputElement>(null);
  const { pending, error, run } = useAction();
  const stepHeadingRef = useRef<HTMLHeadingElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const account = otpauthAccount(setup.otpauthUrl);
  const alertId = 'totp-enable-alert';

  // A new step replaces the last one's content: move focus there so it is read out.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    if (step === 'confirm') codeRef.current?.focus();
    else stepHeadingRef.current?.focus();
  }, [step]);

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    const clean = withoutSpaces(code);
    setCode(clean);
    const wrong = !/^\d{6}$/.test(clean);
    setCodeWrong(wrong);
    if (wrong) {
      codeRef.current?.focus();
      return;
    }
    const result = await run(() => turnOnTwoStep(api, clean));
    if (!result) return;
    if (result.ok) {
      setRecoveryCodes(result.value.recoveryCodes);
      setStep('codes');
    } else {
      if (result.error.code === 'MFA_INVALID') setCode('');
      codeRef.current?.focus();
    }
  };

  // Escape and Cancel close freely before the codes exist; after, only with "I have saved them" ticked.
  const requestClose = () => {
    if (step !== 'codes' || codesSaved) {
      onClose();
      return;
    }
    setNotSaved(true);
    savedCheckRef.current?.focus();
  };

  return (
    <Dialog title={t('settings.turnOn.title')} onClose={requestClose} {...(fallbackFocus && { fallbackFocus })}>
      <h3 ref={stepHeadingRef} tabIndex={-1} className="dialog-step">
        <T id={stepTitles[step]} />
      </h3>

      {step === 'scan' && (
        <>
          <p>
            <T id="settings.turnOn.scanIntro" />
          </p>
          <QrCode
            text={setup.otpauthUrl}
            label={account ? t('settings.turnOn.qrLabelFor', { account }) : t('settings.turnOn.qrLabel')}
            unavailable={t('settings.turnOn.qrUnavailable')}
            size={200}
          />
          <div className="secret-box">
            <p className="secret-label">
              {account ? t('settings.turnOn.keyLabelFor', { account }) : t('settings.turnOn.keyLabel')}
            </p>
            <p className="secret-value">
              <code>{groupSecret(setup.secret)}</code>
            </p>
            <CopyButton text={setup.secret} label={t('settings.turnOn.copyKey')} />
          </div>
          <div className="button-row dialog-actions">
            <button type="button" className="button button-secondary" onClick={onClose}>
              <T id="common.cancel" />
            </button>
            <button type="button" className="button button-primary" onClick={() => setStep('confirm')}>
              <T id="settings.turnOn.next" />
            </button>
          </div>
        </>
      )}

      {step === 'confirm' && (
        <form className="form" noValidate onSubmit={confirm} aria-busy={pending}>
          <p>
            <T id="settings.turnOn.confirmIntro" />
          </p>
          {error && (
            <FormAlert id={alertId}>
              <p>{describe(error)}</p>
            </FormAlert>
          )}
          <CodeField
            label={t('settings.turnOn.codeLabel')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={16}
            value={code}
            onChange={setCode}
            error={codeWrong ? t('settings.turnOn.codeProblem') : undefined}
            alertId={error?.code === 'MFA_INVALID' ? alertId : undefined}
            inputRef={codeRef}
          />
          <div className="button-row dialog-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setStep('scan')}
              disabled={pending}
            >
              <T id="settings.turnOn.back" />
            </button>
            <SubmitButton pending={pending} busyLabel={t('settings.turnOn.checking')}>
              <T id="settings.turnOn.submit" />
            </SubmitButton>
          </div>
        </form>
      )}

      {step === 'codes' && (
        <RecoveryCodesStep
          codes={recoveryCodes}
          account={account}
          saved={codesSaved}
          onSavedChange={(saved) => {
            setCodesSaved(saved);
            if (saved) setNotSaved(false);
          }}
          problem={notSaved ? t('settings.turnOn.notSaved') : null}
          checkRef={savedCheckRef}
          onDone={requestClose}
        />
      )}
    </Dialog>
  );
}
