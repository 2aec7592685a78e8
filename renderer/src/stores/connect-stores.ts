import type { PalisadeApi } from '../../../shared/contract/types';
import { settle } from '../api/settle';
import { useNetworkStore } from './network-store';
import { useSessionStore } from './session-store';

/** Asks the main process who is signed in, and puts the answer in the session store. */
export async function loadSession(api: PalisadeApi, isCurrent: () => boolean = () => true): Promise<void> {
  useSessionStore.getState().loading();
  const result = await settle(() => api.session.get({}));
  if (!isCurrent()) return;
  if (result.ok) useSessionStore.getState().received(result.value);
  else useSessionStore.getState().failed(result.error);
}

/**
 * Feeds the stores from the main process: the session and network state at boot, then
 * their push events. Returns the unsubscribe.
 */
export function connectStores(api: PalisadeApi): () => void {
  let active = true;
  // A push that lands before the boot answer is newer than it; the answer must not undo it.
  let pushed = false;
  const offSession = api.on('session.changed', (session) => {
    pushed = true;
    useSessionStore.getState().received(session);
  });
  const offNetwork = api.on('network.changed', ({ online }) => useNetworkStore.getState().setOnline(online));

  void loadSession(api, () => active && !pushed);
  void settle(() => api.app.info({})).then((result) => {
    if (active && result.ok) useNetworkStore.getState().setOnline(result.value.online);
  });

  return () => {
    active = false;
    offSession();
    offNetwork();
  };
}
