import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TotpSetup } from '../../../../shared/contract/security';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { CodeField, withoutSpaces } from '../../components/CodeField';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { describeError } from '../../errors/messages';
import { CopyButton } from './CopyButton';
import { QrCode } from './QrCode';
import { RecoveryCodesStep } from './RecoveryCodesStep';
import { groupSecret, otpauthAccount } from './secret-format';

type Step = 'scan' | 'confirm' | 'codes';

export interface TurnOnTwoStepDialogProps {
  setup: TotpSetup;
  /** The service has turned it on (the codes are on screen now). */
  onEnabled(): void;
  onClose(): void;
  fallbackFocus?: () => HTMLElement | null;
}

/**
 * Turning on 2-step verification, one step at a time: scan the QR code (or type the key),
 * prove it works with a code, then keep the recovery codes. Until the code is confirmed
 * nothing has changed, so closing early is harmless; once the codes are shown, the dialog
 * stays until the person says they have saved them.
 */
export function TurnOnTwoStepDialog({ setup, onEnabled, onClose, fallbackFocus }: TurnOnTwoStepDialogProps) {
  const api = useApi();
  const [step, setStep] = useState<Step>('scan');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[]>([]);
  const [codesSaved, setCodesSaved] = useState(false);
  const [notSaved, setNotSaved] = useState<string | null>(null);
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
    const issue = /^\d{6}$/.test(clean) ? null : 'Enter the 6-digit code your app shows now.';
    setProblem(issue);
    if (issue) {
      codeRef.current?.focus();
      return;
    }
    const result = await run(() => api.security.enableTotp({ code: clean }));
    if (!result) return;
    if (result.ok) {
      setRecoveryCodes(result.value.recoveryCodes);
      setStep('codes');
      onEnabled();
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
    setNotSaved('Tick “I have saved my recovery codes” first. You won’t be able to see these codes again.');
    savedCheckRef.current?.focus();
  };

  const stepTitle = {
    scan: 'Step 1 of 3: Add Palisade to your authenticator app',
    confirm: 'Step 2 of 3: Enter the code from the app',
    codes: 'Step 3 of 3: Save your recovery codes',
  }[step];

  return (
    <Dialog title="Turn on 2-step verification" onClose={requestClose} {...(fallbackFocus && { fallbackFocus })}>
      <h3 ref={stepHeadingRef} tabIndex={-1} className="dialog-step">
        {stepTitle}
      </h3>

      {step === 'scan' && (
        <>
          <p>
            Open an authenticator app on your phone (such as Google Authenticator, Microsoft Authenticator or 1Password) and scan
            this QR code.
          </p>
          <QrCode text={setup.otpauthUrl} label={`QR code to add Palisade${account ? ` for ${account}` : ''} to an authenticator app`} />
          <div className="secret-box">
            <p className="secret-label">Can’t scan it? Type this key into the app instead{account ? ` (account: ${account})` : ''}:</p>
            <p className="secret-value">
              <code>{groupSecret(setup.secret)}</code>
            </p>
            <CopyButton text={setup.secret} label="Copy key" />
          </div>
          <div className="button-row dialog-actions">
            <button type="button" className="button button-secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="button button-primary" onClick={() => setStep('confirm')}>
              Next
            </button>
          </div>
        </>
      )}

      {step === 'confirm' && (
        <form className="form" noValidate onSubmit={confirm} aria-busy={pending}>
          <p>Enter the 6-digit code the app now shows for Palisade. It changes every 30 seconds.</p>
          {error && (
            <FormAlert id={alertId}>
              <p>{describeError(error)}</p>
            </FormAlert>
          )}
          <CodeField
            label="6-digit code"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={16}
            value={code}
            onChange={setCode}
            error={problem ?? undefined}
            alertId={error?.code === 'MFA_INVALID' ? alertId : undefined}
            inputRef={codeRef}
          />
          <div className="button-row dialog-actions">
            <button type="button" className="button button-secondary" onClick={() => setStep('scan')} disabled={pending}>
              Back
            </button>
            <SubmitButton pending={pending} busyLabel="Checking…">
              Turn on
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
            if (saved) setNotSaved(null);
          }}
          problem={notSaved}
          checkRef={savedCheckRef}
          onDone={requestClose}
        />
      )}
    </Dialog>
  );
}
