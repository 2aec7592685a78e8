import { create } from 'zustand';
import type { SessionEnd, SessionState, SessionUser } from '../../../shared/contract/session';
import type { AppError } from '../../../shared/errors';

/** `loading` until `session.get` first answers; `failed` if it could not. */
export type SessionPhase = 'loading' | 'ready' | 'failed';

interface SessionStore {
  phase: SessionPhase;
  session: SessionState | null;
  bootError: AppError | null;
  /** Why the service ended this app's session, until someone signs in again. */
  ended: SessionEnd | null;
  loading(): void;
  received(session: SessionState): void;
  failed(error: AppError): void;
  sessionEnded(end: SessionEnd): void;
}

export const useSessionStore = create<SessionStore>()((set) => ({
  phase: 'loading',
  session: null,
  bootError: null,
  ended: null,
  loading: () => set({ phase: 'loading', bootError: null }),
  received: (session) =>
    set((s) => ({ phase: 'ready', session, bootError: null, ended: session.user ? null : s.ended })),
  failed: (bootError) => set({ phase: 'failed', bootError }),
  sessionEnded: (ended) => set({ ended }),
}));

export const selectUser = (s: SessionStore): SessionUser | null => s.session?.user ?? null;
export const selectStorage = (s: SessionStore) => s.session?.storage ?? null;
