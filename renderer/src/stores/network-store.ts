import { create } from 'zustand';

interface NetworkStore {
  /** Whether the main process can reach the account service; assumed until told otherwise. */
  online: boolean;
  setOnline(online: boolean): void;
}

export const useNetworkStore = create<NetworkStore>()((set) => ({
  online: true,
  setOnline: (online) => set({ online }),
}));
