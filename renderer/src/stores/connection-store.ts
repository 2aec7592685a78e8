import { create } from 'zustand';
import type { BridgeStatus } from '../api/resolve-api';

/** `preload` inside Electron (always connected); otherwise the browser bridge's socket status. */
export type ConnectionStatus = BridgeStatus | 'preload';

interface ConnectionStore {
  status: ConnectionStatus;
  setStatus(status: ConnectionStatus): void;
}

export const useConnectionStore = create<ConnectionStore>()((set) => ({
  status: 'preload',
  setStatus: (status) => set({ status }),
}));

/** The browser host refused us (stale or missing launch secret) or went away. */
export const isDisconnected = (status: ConnectionStatus) => status === 'unauthorised' || status === 'closed';
