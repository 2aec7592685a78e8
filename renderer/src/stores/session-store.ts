import { create } from 'zustand';
import type { SessionState, SessionUser } from '../../../shared/contract/session';
import type { AppError } from '../../../shared/errors';

/** `loading` until `session.get` first answers; `failed` if it could not. */
export type SessionPhase = 'loading' | 'ready' | 'failed';

interface SessionStore {
  phase: SessionPhase;
  session: SessionState | null;
  bootError: AppError | null;
  loading(): void;
  received(session: SessionState): void;
  failed(error: AppError): void;
}

export const useSessionStore = create<SessionStore>()((set) => ({
  phase: 'loading',
  session: null,
  bootError: null,
  loading: () => set({ phase: 'loading', bootError: null }),
  received: (session) => set({ phase: 'ready', session, bootError: null }),
  failed: (bootError) => set({ phase: 'failed', bootError }),
}));

export const selectUser = (s: SessionStore): SessionUser | null => s.session?.user ?? null;
export const selectStorage = (s: SessionStore) => s.session?.storage ?? null;
