import type { BrowserHostConnection } from '../api/browser-bridge';
import type { PalisadeApi } from '../../../shared/contract/types';
import { settle } from '../api/settle';
import { useLanguageStore } from '../i18n/language-store';
import { isDisconnected, useConnectionStore } from './connection-store';
import { useNetworkStore } from './network-store';
import { type ProtectionPart, refreshProtection, useProtectionStore } from './protection-store';
import { useSessionStore } from './session-store';

/**
 * Asks the main process who is signed in, and puts the answer in the session store. The
 * boot shows a loading screen meanwhile; a `quiet` refresh (after a reconnect) keeps the
 * current screen and only replaces a failed boot.
 */
export async function loadSession(
  api: PalisadeApi,
  { isCurrent = () => true, quiet = false }: { isCurrent?: () => boolean; quiet?: boolean } = {},
): Promise<void> {
  const store = useSessionStore.getState();
  if (!quiet || store.phase === 'failed') store.loading();
  const result = await settle(() => api.session.get({}));
  if (!isCurrent()) return;
  if (result.ok) useSessionStore.getState().received(result.value);
  else if (!quiet || useSessionStore.getState().phase !== 'ready') useSessionStore.getState().failed(result.error);
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
  const offNetwork = api.on('network.changed', (state) => useNetworkStore.getState().setNetwork(state));
  const offEnded = api.on('session.ended', (end) => useSessionStore.getState().sessionEnded(end));
  // Changed elsewhere on the account: what is on show is read again (the rest loads when shown).
  // A device's change moves the seat counts too.
  const offDevices = api.on('devices.changed', () => reloadShown(api, ['devices', 'subscriptions']));
  const offSubscriptions = api.on('subscriptions.changed', () => reloadShown(api, ['subscriptions']));

  void loadSession(api, { isCurrent: () => active && !pushed });
  void settle(() => api.app.info({})).then((result) => {
    if (!active || !result.ok) return;
    const { online, offlineReason } = result.value;
    useNetworkStore.getState().setNetwork({ online, ...(offlineReason !== undefined && { reason: offlineReason }) });
  });
  // Until Settings answers the app speaks the system's language, which is usually the choice.
  void settle(() => api.settings.get({})).then((result) => {
    if (active && result.ok) useLanguageStore.getState().chose(result.value.language);
  });

  return () => {
    active = false;
    offSession();
    offNetwork();
    offEnded();
    offDevices();
    offSubscriptions();
  };
}

/** Reads again those of `parts` the protection store holds: a screen shows them, or will when it comes back. */
function reloadShown(api: PalisadeApi, parts: readonly ProtectionPart[]) {
  const held = useProtectionStore.getState();
  const shown = parts.filter((part) => held[part] !== null);
  if (held.userId !== null && shown.length > 0) void refreshProtection(api, shown);
}

/**
 * Tells the main process when this tab comes to the front, as Electron's window does
 * itself: coming back after a while, this computer's state is checked. Browser host only.
 */
export function forwardFocus(api: PalisadeApi, target: Window = window): () => void {
  const focused = () => {
    if (target.document.visibilityState === 'visible') void settle(() => api.app.focused({}));
  };
  target.addEventListener('focus', focused);
  target.document.addEventListener('visibilitychange', focused);
  return () => {
    target.removeEventListener('focus', focused);
    target.document.removeEventListener('visibilitychange', focused);
  };
}

/**
 * Mirrors the browser bridge's socket status into the connection store. Coming back after
 * a drop, the host may have restarted (and restored or lost the session), so ask again.
 */
export function watchBridge(bridge: BrowserHostConnection, api: PalisadeApi): () => void {
  const { setStatus } = useConnectionStore.getState();
  setStatus(bridge.status());
  // A tab opened without a launch secret is refused before anything is asked: it is down already.
  let wasDown = isDisconnected(bridge.status());
  return bridge.onStatus((status) => {
    setStatus(status);
    if (isDisconnected(status)) wasDown = true;
    else if (status === 'open' && wasDown) {
      wasDown = false;
      void loadSession(api, { quiet: true });
    }
  });
}
