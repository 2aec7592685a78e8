import { useEffect } from 'react';
import { useApi } from '../api/api-context';
import { isDisconnected, useConnectionStore } from '../stores/connection-store';
import { connectStores, loadSession } from '../stores/connect-stores';
import { useSessionStore } from '../stores/session-store';
import { AppRoutes } from './AppRoutes';
import { BootFailed, BootLoading, LaunchLinkScreen } from './BootScreens';
import { DeepLinks } from './DeepLinks';

/** Boot: wire the stores to the main process, wait for the session, then route. Expects a router and an ApiProvider above. */
export function App() {
  const api = useApi();
  const connection = useConnectionStore((s) => s.status);
  const phase = useSessionStore((s) => s.phase);
  const bootError = useSessionStore((s) => s.bootError);

  useEffect(() => connectStores(api), [api]);

  let screen;
  if (isDisconnected(connection)) screen = <LaunchLinkScreen status={connection} />;
  else if (phase === 'loading') screen = <BootLoading />;
  else if (phase === 'failed') screen = <BootFailed error={bootError} onRetry={() => void loadSession(api)} />;
  else screen = <AppRoutes />;

  return (
    <>
      <DeepLinks />
      {screen}
    </>
  );
}
