import type { AppError } from '../../../shared/errors';
import { BrandMark } from '../components/BrandMark';
import { PageHeading } from '../components/PageHeading';
import { useDescribeError } from '../errors/messages';
import { useT } from '../i18n/use-t';
import type { ConnectionStatus } from '../stores/connection-store';

/** While the app asks the main process who is signed in. */
export function BootLoading() {
  const t = useT();
  return (
    <main className="boot" aria-busy="true">
      <BrandMark as="h1" />
      <p role="status" className="boot-status">
        <span className="spinner" aria-hidden="true" />
        {t('common.loadingPalisade')}
      </p>
    </main>
  );
}

/** Inside a layout, while a screen's code loads. */
export function PageLoading() {
  const t = useT();
  return (
    <p role="status" className="page-loading">
      <span className="spinner" aria-hidden="true" />
      {t('common.loading')}
    </p>
  );
}

/** The browser host refused this page or went away: only its launch link gets back in. */
export function LaunchLinkScreen({ status }: { status: ConnectionStatus }) {
  const t = useT();
  return (
    <main className="boot">
      <BrandMark />
      <div className="boot-card">
        <PageHeading title={t('common.boot.reconnectTitle')}>
          {t(status === 'unauthorised' ? 'common.boot.unauthorised' : 'common.boot.closed')}
        </PageHeading>
        <p className="lead">{t('common.boot.openLaunchLink')}</p>
        <p className="muted">{t('common.boot.oneTimeKey')}</p>
      </div>
    </main>
  );
}

/** `session.get` failed: say why and offer another go. */
export function BootFailed({ error, onRetry }: { error: AppError | null; onRetry(): void }) {
  const t = useT();
  const describeError = useDescribeError();
  return (
    <main className="boot">
      <BrandMark />
      <div className="boot-card">
        <PageHeading title={t('common.boot.failed')} />
        <p role="alert">{describeError(error ?? { code: 'UNKNOWN', message: '' })}</p>
        <button type="button" className="button button-primary" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      </div>
    </main>
  );
}
