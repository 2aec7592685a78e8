import { useId, useState } from 'react';
import type { MobilePlatform } from '../../../../shared/api/downloads';
import type { Download } from '../../../../shared/api/downloads';
import { emailStoreLink } from '../../actions/downloads-actions';
import { useApi } from '../../api/api-context';
import { openExternalLink } from '../../app/external-links';
import { useAction } from '../../app/use-action';
import { PlatformIcon } from '../../components/PlatformIcon';
import { QrCode } from '../../components/QrCode';
import { useDescribeError } from '../../errors/messages';
import { useT } from '../../i18n/use-t';
import { usePlatformName } from '../devices/platform-names';
import { ActivationSteps } from './ActivationSteps';

/** A phone's app: a QR code of its store page to scan, the link itself, and "E-mail me the link". */
export function PhoneCard({ platform, item }: { platform: MobilePlatform; item: Download | undefined }) {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const platformName = usePlatformName()(platform);
  const store = t(`downloads.store.${platform}`);
  const id = useId();
  const { pending, error, run } = useAction();
  const [sent, setSent] = useState(false);
  const values = { platform: platformName, store };
  return (
    <article className="card installer-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="installer-title">
        <PlatformIcon platform={platform} />
        {t('downloads.card.title', { platform: platformName })}
      </h3>
      {item?.storeUrl === undefined ? (
        <p className="muted">{t('downloads.store.none', { platform: platformName })}</p>
      ) : (
        <div className="phone-store">
          <QrCode text={item.storeUrl} label={t('downloads.store.qr', values)} size={160} />
          <div>
            <p>{t('downloads.card.minimumOs', { system: t(`downloads.minimumOs.${platform}`) })}</p>
            <p>
              <a href={item.storeUrl} onClick={(e) => openExternalLink(e, api)}>
                {t('downloads.store.open', values)}
              </a>
            </p>
            <p>
              <button
                type="button"
                className="button button-secondary"
                aria-label={t('downloads.emailLink.label', values)}
                aria-disabled={pending || undefined}
                onClick={() => {
                  if (pending) return;
                  void run(() => emailStoreLink(api, platform)).then((result) => result?.ok && setSent(true));
                }}
              >
                {t('downloads.emailLink.action')}
              </button>
            </p>
            <p role="status">{sent ? t('downloads.emailLink.sent', values) : ''}</p>
            {error && (
              <p role="alert" className="field-error">
                {describeError(error)}
              </p>
            )}
          </div>
        </div>
      )}
      <ActivationSteps platform={platform} />
    </article>
  );
}
