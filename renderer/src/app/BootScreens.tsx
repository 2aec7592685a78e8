import { BrandMark } from '../components/BrandMark';
import { PageHeading } from '../components/PageHeading';
import { describeError } from '../errors/messages';
import type { AppError } from '../../../shared/errors';
import type { ConnectionStatus } from '../stores/connection-store';

/** While the app asks the main process who is signed in. */
export function BootLoading() {
  return (
    <main className="boot" aria-busy="true">
      <BrandMark as="h1" />
      <p role="status" className="boot-status">
        <span className="spinner" aria-hidden="true" />
        Loading Palisade…
      </p>
    </main>
  );
}

/** Inside a layout, while a screen's code loads. */
export function PageLoading() {
  return (
    <p role="status" className="page-loading">
      <span className="spinner" aria-hidden="true" />
      Loading…
    </p>
  );
}

/** The browser host refused this page or went away: only its launch link gets back in. */
export function LaunchLinkScreen({ status }: { status: ConnectionStatus }) {
  return (
    <main className="boot">
      <BrandMark />
      <div className="boot-card">
        <PageHeading title="Reconnect to Palisade">
          {status === 'unauthorised' ? 'This page isn’t connected to Palisade' : 'Palisade has stopped or lost its connection'}
        </PageHeading>
        <p className="lead">Open the link printed in the terminal where you ran npm start.</p>
        <p className="muted">
          That link carries a one-time key for this launch, so older links and bookmarks stop working each time Palisade starts.
        </p>
      </div>
    </main>
  );
}

/** `session.get` failed: say why and offer another go. */
export function BootFailed({ error, onRetry }: { error: AppError | null; onRetry(): void }) {
  return (
    <main className="boot">
      <BrandMark />
      <div className="boot-card">
        <PageHeading title="Palisade couldn’t start" />
        <p role="alert">{describeError(error ?? { code: 'UNKNOWN', message: '' })}</p>
        <button type="button" className="button button-primary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </main>
  );
}
