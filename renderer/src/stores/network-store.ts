import { create } from 'zustand';
import type { NetworkState } from '../../../shared/contract/app';
import type { OfflineReason } from '../../../shared/offline-reason';

interface NetworkStore {
  /** Whether the main process can reach the account service; assumed until told otherwise. */
  online: boolean;
  /** Why not, while offline: the banner says "no internet" only when that is what the main process found. */
  reason: OfflineReason | undefined;
  setNetwork(state: NetworkState): void;
}

export const useNetworkStore = create<NetworkStore>()((set) => ({
  online: true,
  reason: undefined,
  setNetwork: ({ online, reason }) => set({ online, reason: online ? undefined : reason }),
}));
