import { useEffect } from 'react';
import '../../styles/page-parts.css';
import '../../styles/downloads.css';
import type { DevicePlatform } from '../../../../shared/api/devices';
import { desktopPlatforms, mobilePlatforms } from '../../../../shared/api/downloads';
import { loadCurrentDownloads, loadDownloads } from '../../actions/downloads-actions';
import { useApi } from '../../api/api-context';
import { PageHeading } from '../../components/PageHeading';
import { useDescribeError } from '../../errors/messages';
import { useT } from '../../i18n/use-t';
import { useDownloadsStore } from '../../stores/downloads-store';
import { InstallerCard } from './InstallerCard';
import { PhoneCard } from './PhoneCard';

/**
 * Palisade for every device: this computer's installer first, then the other computers',
 * then the phones' store pages, each with its activation steps. Downloads run in the main
 * process: this screen shows them, and finds them again when the window is opened anew.
 */
export function DownloadsScreen() {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const list = useDownloadsStore((s) => s.list);
  const error = useDownloadsStore((s) => s.error);

  useEffect(() => {
    const off = api.on('downloads.progress', (progress) => useDownloadsStore.getState().track(progress));
    void loadDownloads(api);
    void loadCurrentDownloads(api);
    return off;
  }, [api]);

  const thisPlatform: DevicePlatform | null = list?.thisPlatform ?? null;
  const itemOf = (platform: DevicePlatform) => list?.items.find((d) => d.platform === platform);
  const others = desktopPlatforms.filter((p) => p !== thisPlatform);

  return (
    <>
      <PageHeading title={t('downloads.title')} />
      <p className="lead">{t('downloads.intro')}</p>
      {!list && !error && (
        <p role="status" className="muted">
          {t('downloads.loading')}
        </p>
      )}
      {error && (
        <div role="alert" className="form-notice">
          <p>
            {t('downloads.loadFailed')} {describeError(error)}
          </p>
          <button type="button" className="button button-secondary" onClick={() => void loadDownloads(api)}>
            {t('downloads.tryAgain')}
          </button>
        </div>
      )}
      {list && (
        <>
          {thisPlatform && (desktopPlatforms as readonly string[]).includes(thisPlatform) && (
            <section className="page-section" aria-labelledby="downloads-this-computer">
              <h2 id="downloads-this-computer">{t('downloads.thisComputer')}</h2>
              <InstallerCard platform={thisPlatform} item={itemOf(thisPlatform)} />
            </section>
          )}
          <section className="page-section" aria-labelledby="downloads-other-computers">
            <h2 id="downloads-other-computers">{t('downloads.otherComputers')}</h2>
            <div className="installer-grid">
              {others.map((platform) => (
                <InstallerCard key={platform} platform={platform} item={itemOf(platform)} />
              ))}
            </div>
          </section>
          <section className="page-section" aria-labelledby="downloads-phones">
            <h2 id="downloads-phones">{t('downloads.phones')}</h2>
            <div className="installer-grid">
              {mobilePlatforms.map((platform) => (
                <PhoneCard key={platform} platform={platform} item={itemOf(platform)} />
              ))}
            </div>
          </section>
        </>
      )}
    </>
  );
}
