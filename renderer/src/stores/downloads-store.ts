import { create } from 'zustand';
import type { DownloadProgress, DownloadsList } from '../../../shared/contract/downloads';
import type { AppError } from '../../../shared/errors';

/** What the downloads screen shows: the offer, and every download of this run (they live in the main process). */
interface DownloadsStore {
  list: DownloadsList | null;
  error: AppError | null;
  /** By operation id. */
  progress: Record<string, DownloadProgress>;
  /** The newest download of each release. */
  byRelease: Record<string, string>;
  /** Keeps an event's news; the card of its release shows it unless a newer download has the card. */
  track(progress: DownloadProgress): void;
  /** The card of `progress`'s release shows this download (it was just started, or is the newest). */
  show(progress: { id: string; releaseId: string }): void;
}

export const useDownloadsStore = create<DownloadsStore>()((set) => ({
  list: null,
  error: null,
  progress: {},
  byRelease: {},
  track: (p) =>
    set((s) => ({
      progress: { ...s.progress, [p.id]: p },
      byRelease: s.byRelease[p.releaseId] === undefined ? { ...s.byRelease, [p.releaseId]: p.id } : s.byRelease,
    })),
  show: ({ id, releaseId }) => set((s) => ({ byRelease: { ...s.byRelease, [releaseId]: id } })),
}));

/** The download shown on a release's card, if any. */
export const selectDownloadOf = (releaseId: string) => (s: DownloadsStore): DownloadProgress | undefined => {
  const id = s.byRelease[releaseId];
  return id === undefined ? undefined : s.progress[id];
};
