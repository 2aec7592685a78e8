import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import '../../styles/devices.css';
import { devicePlatforms, type DevicePlatform } from '../../../../shared/api/devices';
import { emailSchema } from '../../../../shared/api/identity';
import { inviteDevice } from '../../actions/devices-actions';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { FormAlert } from '../../components/FormAlert';
import { PlatformIcon } from '../../components/PlatformIcon';
import { QrCode } from '../../components/QrCode';
import { TextField } from '../../components/TextField';
import { useDescribeError } from '../../errors/messages';
import { T, useT } from '../../i18n/use-t';
import { useDates } from '../../lib/dates';
import { usePlatformName } from './platform-names';

type Sent =
  | { how: 'email'; email: string; expiresAt: string }
  | { how: 'link'; link: string; platform: DevicePlatform; expiresAt: string };

const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/**
 * Add a device: pick its platform, then have the link e-mailed or shown here with a QR
 * code to scan from a phone. The link works once, for a week.
 */
export function AddDeviceDialog({ onClose }: { onClose(): void }) {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const { formatDate } = useDates();
  const platformName = usePlatformName();
  const id = useId();
  const [platform, setPlatform] = useState<DevicePlatform | null>(null);
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);
  const { pending, error, run } = useAction();
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
      setEmailError(t('devices.invite.emailInvalid'));
      return;
    }
    setEmailError(null);
    const result = await run(() => inviteDevice(api, { platform, email: parsed.data }));
    if (result?.ok) setSent({ how: 'email', email: parsed.data, expiresAt: result.value.expiresAt });
  };

  const showLink = async () => {
    if (!platform) return;
    const result = await run(() => inviteDevice(api, { platform }));
    if (result?.ok) setSent({ how: 'link', link: result.value.link, platform, expiresAt: result.value.expiresAt });
  };

  return (
    <Dialog
      title={t('devices.add')}
      description={
        <p>
          <T id="devices.invite.description" />
        </p>
      }
      onClose={onClose}
    >
      {!sent ? (
        <>
          <fieldset className="platform-choice">
            <legend>
              <T id="devices.invite.platformLegend" />
            </legend>
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
                    {platformName(p)}
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          {platform && (
            <>
              <form
                className="form"
                onSubmit={(e) => void sendEmail(e)}
                noValidate
                aria-label={t('devices.invite.emailForm')}
              >
                <TextField
                  label={t('devices.invite.emailLabel')}
                  type="email"
                  autoComplete="email"
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                  error={emailError ?? undefined}
                  hint={t('devices.invite.emailHint', { platform: platformName(platform) })}
                />
                <div className="button-row">
                  <button type="submit" className="button button-primary" aria-disabled={pending || undefined}>
                    <T id="devices.invite.sendEmail" />
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    onClick={() => void showLink()}
                    aria-disabled={pending || undefined}
                  >
                    <T id="devices.invite.showLink" />
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
              <T id="devices.invite.sent" values={{ strong, email: sent.email, date: formatDate(sent.expiresAt) }} />
            ) : (
              <T
                id="devices.invite.shown"
                values={{ platform: platformName(sent.platform), date: formatDate(sent.expiresAt) }}
              />
            )}
          </p>
          {sent.how === 'link' && (
            <>
              <div className="invite-link">
                <label htmlFor={`${id}-link`} className="visually-hidden">
                  <T id="devices.invite.linkLabel" />
                </label>
                <input
                  id={`${id}-link`}
                  type="text"
                  readOnly
                  value={sent.link}
                  onFocus={(e) => e.currentTarget.select()}
                />
                <CopyButton text={sent.link} label={t('devices.invite.copy')} />
              </div>
              <QrCode text={sent.link} label={t('devices.invite.qrLabel')} />
            </>
          )}
        </div>
      )}
      <div className="button-row dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          <T id={sent ? 'devices.invite.done' : 'common.cancel'} />
        </button>
      </div>
    </Dialog>
  );
}
