import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { devicePlatforms, type DevicePlatform, platformNames } from '../../../../shared/api/devices';
import { emailSchema } from '../../../../shared/api/identity';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { PlatformIcon } from '../../components/PlatformIcon';
import { QrCode } from '../../components/QrCode';
import { TextField } from '../../components/TextField';
import { describeError } from '../../errors/messages';
import { formatDate } from '../../lib/dates';

type Sent = { how: 'email'; email: string; expiresAt: string } | { how: 'link'; link: string; expiresAt: string };

/**
 * Add a device: pick its platform, then have the link e-mailed or shown here with a QR
 * code to scan from a phone. The link works once, for a week.
 */
export function AddDeviceDialog({ onClose }: { onClose(): void }) {
  const api = useApi();
  const id = useId();
  const [platform, setPlatform] = useState<DevicePlatform | null>(null);
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const [copied, setCopied] = useState(false);
  const { pending, error, run } = useAction();
  const linkRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);

  // The form that had focus is gone: keep focus inside the dialog, on what happened.
  useEffect(() => {
    if (sent) resultRef.current?.focus();
  }, [sent]);

  const sendEmail = async (event: FormEvent) => {
    event.preventDefault();
    if (!platform) return;
    const parsed = emailSchema.safeParse(email);
    if (!parsed.success) {
      setEmailError('Enter an e-mail address, like name@example.com.');
      return;
    }
    setEmailError(null);
    const result = await run(() => api.devices.invite({ platform, email: parsed.data }));
    if (result?.ok) setSent({ how: 'email', email: parsed.data, expiresAt: result.value.expiresAt });
  };

  const showLink = async () => {
    if (!platform) return;
    const result = await run(() => api.devices.invite({ platform }));
    if (result?.ok) setSent({ how: 'link', link: result.value.link, expiresAt: result.value.expiresAt });
  };

  const copy = async () => {
    if (sent?.how !== 'link') return;
    try {
      await navigator.clipboard.writeText(sent.link);
      setCopied(true);
    } catch {
      // The Electron window denies the Clipboard API's permission: copy the link field's
      // selection instead (allowed during a click), and leave it selected for Ctrl+C / ⌘C.
      const field = linkRef.current;
      if (!field) return;
      field.focus();
      field.select();
      try {
        setCopied(document.execCommand('copy'));
      } catch {
        // Selected; the person can copy it themselves.
      }
    }
  };

  return (
    <Dialog
      title="Add a device"
      description={<p>Send a link that installs Palisade on another device and protects it with your account.</p>}
      onClose={onClose}
    >
      {!sent ? (
        <>
          <fieldset className="platform-choice">
            <legend>Which kind of device?</legend>
            <div className="platform-options">
              {devicePlatforms.map((p) => (
                <div key={p} className="platform-option">
                  <input
                    type="radio"
                    id={`${id}-${p}`}
                    name={`${id}-platform`}
                    checked={platform === p}
                    onChange={() => setPlatform(p)}
                  />
                  <label htmlFor={`${id}-${p}`}>
                    <PlatformIcon platform={p} />
                    {platformNames[p]}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          {platform && (
            <>
              <form className="form" onSubmit={(e) => void sendEmail(e)} noValidate aria-label="E-mail a link">
                <TextField
                  label="E-mail the link to"
                  type="email"
                  autoComplete="email"
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                  error={emailError ?? undefined}
                  hint={`Open it on the ${platformNames[platform]} device.`}
                />
                <div className="button-row">
                  <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
                    E-mail the link
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => void showLink()}
                    aria-disabled={pending || undefined}
                  >
                    Show the link and a QR code instead
                  </button>
                </div>
              </form>
            </>
          )}
          {error && (
            <FormAlert id={`${id}-alert`}>
              <p>{describeError(error)}</p>
            </FormAlert>
          )}
        </>
      ) : (
        <div className="invite-result">
          <p ref={resultRef} tabIndex={-1} role="status">
            {sent.how === 'email' ? (
              <>
                We sent a link to <strong>{sent.email}</strong>. It works once, until {formatDate(sent.expiresAt)}.
              </>
            ) : (
              `Open this link on the ${platform ? platformNames[platform] : 'new'} device, or scan the code with its camera. It works once, until ${formatDate(sent.expiresAt)}.`
            )}
          </p>
          {sent.how === 'link' && (
            <>
              <div className="invite-link">
                <label htmlFor={`${id}-link`} className="visually-hidden">
                  Invitation link
                </label>
                <input
                  id={`${id}-link`}
                  ref={linkRef}
                  type="text"
                  readOnly
                  value={sent.link}
                  onFocus={(e) => e.currentTarget.select()}
                />
                <button type="button" className="button button-secondary" onClick={() => void copy()}>
                  {copied ? 'Copied' : 'Copy link'}
                </button>
              </div>
              <QrCode text={sent.link} label="QR code of the invitation link" />
            </>
          )}
        </div>
      )}
      <div className="button-row dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          {sent ? 'Done' : 'Cancel'}
        </button>
      </div>
    </Dialog>
  );
}
