import { create } from 'zustand';

interface InvitationStore {
  /** An invitation opened with `palisade://install?token=…`, held until someone signed in spends it. */
  token: string | null;
  open(token: string): void;
  /** Hands the token over once and forgets it, so a re-run effect cannot spend it twice. */
  take(): string | null;
}

export const useInvitationStore = create<InvitationStore>()((set, get) => ({
  token: null,
  open: (token) => set({ token }),
  take: () => {
    const { token } = get();
    if (token !== null) set({ token: null });
    return token;
  },
}));
