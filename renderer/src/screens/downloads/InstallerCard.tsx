import { useId, useState } from 'react';
import type { DevicePlatform } from '../../../../shared/api/devices';
import type { Download } from '../../../../shared/api/downloads';
import type { DownloadProgress } from '../../../../shared/contract/downloads';
import {
  cancelDownload,
  openDownload,
  pauseDownload,
  resumeDownload,
  showDownloadInFolder,
  startDownload,
} from '../../actions/downloads-actions';
import { useApi } from '../../api/api-context';
import { useAction } from '../../app/use-action';
import { PlatformIcon } from '../../components/PlatformIcon';
import { useDescribeError } from '../../errors/messages';
import { useFormat, useT } from '../../i18n/use-t';
import { selectDownloadOf, useDownloadsStore } from '../../stores/downloads-store';
import { usePlatformName } from '../devices/platform-names';
import { ActivationSteps } from './ActivationSteps';

/** Bytes as megabytes, in the reader's locale ("4.2 MB", "4,2 MB"). */
export function useMegabytes(): (bytes: number) => string {
  const intl = useFormat();
  return (bytes) => intl.formatNumber(bytes / 1e6, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
}

/**
 * One computer's installer: what it is, its download (progress, pause and resume, then
 * "Show in folder" and "Open" once checked), and how to activate Palisade after installing.
 */
export function InstallerCard({ platform, item }: { platform: DevicePlatform; item: Download | undefined }) {
  const t = useT();
  const platformName = usePlatformName()(platform);
  const megabytes = useMegabytes();
  const id = useId();
  return (
    <article className="card installer-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="installer-title">
        <PlatformIcon platform={platform} />
        {t('downloads.card.title', { platform: platformName })}
      </h3>
      {item?.url === undefined ? (
        <p className="muted">{t('downloads.card.none', { platform: platformName })}</p>
      ) : (
        <>
          <p>
            {t('downloads.card.version', { version: item.version ?? '', size: megabytes(item.size ?? 0) })}
            {' '}
            {t('downloads.card.minimumOs', { system: t(`downloads.minimumOs.${platform}`) })}
          </p>
          <p className="installer-checksum">
            <span className="muted">{t('downloads.card.checksum')}</span> <code>{item.sha256}</code>
          </p>
          <DownloadControls item={item} platformName={platformName} />
        </>
      )}
      <ActivationSteps platform={platform} />
    </article>
  );
}

function DownloadControls({ item, platformName }: { item: Download; platformName: string }) {
  const api = useApi();
  const t = useT();
  const describeError = useDescribeError();
  const megabytes = useMegabytes();
  const download = useDownloadsStore(selectDownloadOf(item.id));
  const { pending, error, run } = useAction();
  const [shown, setShown] = useState<{ id: string; path: string; shown: boolean } | null>(null);
  const values = { platform: platformName };

  // Each accessible name starts with the words on the button (WCAG 2.5.3), then says which platform.
  const button = (label: string, aria: string | undefined, onClick: () => void, primary = false) => (
    <button
      type="button"
      className={`button ${primary ? 'button-primary' : 'button-secondary'}`}
      aria-label={aria}
      aria-disabled={pending || undefined}
      onClick={() => !pending && onClick()}
    >
      {label}
    </button>
  );
  const start = () => void run(() => startDownload(api, item.id));
  const state = download?.state;
  const active = state === 'running' || state === 'paused' || state === 'verifying';

  return (
    <div className="download-controls">
      {download && (active || state === 'done' || state === 'failed') && (
        <DownloadStatus download={download} platformName={platformName} megabytes={megabytes} />
      )}
      {download && state === 'cancelled' && <p>{t('downloads.state.cancelled')}</p>}
      <div className="button-row">
        {(!download || state === 'cancelled') &&
          button(t('downloads.action.download', values), undefined, start, true)}
        {download && state === 'running' &&
          button(t('downloads.action.pause'), t('downloads.action.pauseLabel', values), () => void run(() => pauseDownload(api, download.id)))}
        {download && (state === 'paused' || (state === 'failed' && download.failure !== 'mismatch')) &&
          button(t('downloads.action.resume'), t('downloads.action.resumeLabel', values), () => void run(() => resumeDownload(api, download.id)), true)}
        {download && (state === 'running' || state === 'paused' || state === 'failed') &&
          button(t('downloads.action.cancel'), t('downloads.action.cancelLabel', values), () => void run(() => cancelDownload(api, download.id)))}
        {download && state === 'done' && (
          <>
            {button(t('downloads.action.open'), t('downloads.action.openLabel', values), () =>
              void run(() => openDownload(api, download.id)).then((r) => r?.ok && setShown({ id: download.id, ...r.value })),
            true)}
            {button(t('downloads.action.showInFolder'), t('downloads.action.showInFolderLabel', values), () =>
              void run(() => showDownloadInFolder(api, download.id)).then((r) => r?.ok && setShown({ id: download.id, ...r.value })),
            )}
          </>
        )}
        {download && (state === 'done' || (state === 'failed' && download.failure === 'mismatch')) &&
          button(t('downloads.action.again'), t('downloads.action.againLabel', values), start)}
      </div>
      {/* The browser host has no file manager to ask: it says where the file is instead. */}
      {shown && shown.id === download?.id && !shown.shown && <p className="download-where">{t('downloads.state.where', { path: shown.path })}</p>}
      {error && (
        <p role="alert" className="field-error">
          {describeError(error)}
        </p>
      )}
    </div>
  );
}

function DownloadStatus({
  download,
  platformName,
  megabytes,
}: {
  download: DownloadProgress;
  platformName: string;
  megabytes: (bytes: number) => string;
}) {
  const t = useT();
  const amounts = { done: megabytes(download.done), total: megabytes(download.total) };
  const sentence = {
    running: t('downloads.state.running', amounts),
    paused: t('downloads.state.paused', amounts),
    verifying: t('downloads.state.verifying'),
    done: t('downloads.state.ready', { fileName: download.fileName }),
    failed: t('downloads.state.failed', { reason: download.failure ?? 'other' }),
    cancelled: t('downloads.state.cancelled'),
  }[download.state];
  // Only the state is announced, not every chunk of bytes.
  const announced = download.state === 'running' ? t('downloads.state.announceRunning', { platform: platformName }) : sentence;
  const showBar = download.state === 'running' || download.state === 'paused' || download.state === 'verifying';
  return (
    <div className="download-status" data-state={download.state}>
      {showBar && (
        <progress
          className="download-progress"
          aria-label={t('downloads.progress.label', { platform: platformName })}
          max={download.total || 1}
          value={download.state === 'verifying' ? download.total || 1 : download.done}
        />
      )}
      <p className={download.state === 'failed' ? 'field-error' : undefined}>{sentence}</p>
      <p role="status" className="visually-hidden">
        {announced}
      </p>
    </div>
  );
}
