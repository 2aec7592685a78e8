import type { BrowserHostConnection } from './browser-bridge';
import type { PalisadeApi } from '../../../shared/contract/types';

export type { BridgeStatus } from './browser-bridge';

export interface ResolvedApi {
  api: PalisadeApi;
  /** Null inside Electron, where the preload exposes `window.palisade` and there is no socket to watch. */
  bridge: BrowserHostConnection | null;
}

/** `window.palisade` from the Electron preload, or else the browser host's WebSocket bridge. */
export async function resolveApi(): Promise<ResolvedApi> {
  const preloaded = (window as Window & { palisade?: PalisadeApi }).palisade;
  if (preloaded) return { api: preloaded, bridge: null };
  // Loaded on demand: the Electron bundle never needs the bridge.
  const { connectBrowserHost } = await import('./browser-bridge');
  const bridge = connectBrowserHost();
  return { api: bridge.api, bridge };
}
