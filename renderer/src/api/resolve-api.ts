import type { PalisadeApi } from '../../../shared/contract/types';

/** Where the renderer's API comes from: the Electron preload, or the browser host's WebSocket bridge. */
export type BridgeStatus = 'connecting' | 'open' | 'unauthorised' | 'closed';

/** The shape of `shared/contract/browser-bridge.ts` (`connectBrowserHost`). */
export interface BrowserBridge {
  api: PalisadeApi;
  status(): BridgeStatus;
  onStatus(listener: (status: BridgeStatus) => void): () => void;
}
interface BrowserBridgeModule {
  connectBrowserHost(): BrowserBridge;
}

export interface ResolvedApi {
  api: PalisadeApi;
  /** Null inside Electron, where the preload exposes `window.palisade` and there is no socket to watch. */
  bridge: BrowserBridge | null;
}

// A lazy glob rather than a plain import: the bridge only loads in the browser host, so the
// Electron bundle never carries it.
const bridgeModules = import.meta.glob<BrowserBridgeModule>('../../../shared/contract/browser-bridge.ts');

export async function resolveApi(): Promise<ResolvedApi> {
  const preloaded = (window as Window & { palisade?: PalisadeApi }).palisade;
  if (preloaded) return { api: preloaded, bridge: null };
  const load = Object.values(bridgeModules)[0];
  if (!load) throw new Error('Palisade has no window.palisade and no browser bridge to connect with.');
  const { connectBrowserHost } = await load();
  const bridge = connectBrowserHost();
  return { api: bridge.api, bridge };
}
