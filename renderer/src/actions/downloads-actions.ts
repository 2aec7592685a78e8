import type { MobilePlatform } from '../../../shared/api/downloads';
import type { PalisadeApi } from '../../../shared/contract/types';
import type { Result } from '../../../shared/errors';
import { settle } from '../api/settle';
import { useDownloadsStore } from '../stores/downloads-store';

/** Downloads: call the main process, update the store, return the Result. */
let latestList = 0;

export async function loadDownloads(api: PalisadeApi): Promise<void> {
  const ticket = ++latestList;
  const result = await settle(() => api.downloads.list({}));
  if (ticket !== latestList) return;
  useDownloadsStore.setState(result.ok ? { list: result.value, error: null } : { error: result.error });
}

/** The downloads the main process already has (a window opened again finds them here). */
export async function loadCurrentDownloads(api: PalisadeApi): Promise<void> {
  const result = await settle(() => api.downloads.current({}));
  if (!result.ok) return;
  // Oldest first, so the newest of each release ends up on its card.
  for (const progress of [...result.value].reverse()) {
    useDownloadsStore.getState().track(progress);
    useDownloadsStore.getState().show(progress);
  }
}

export async function startDownload(api: PalisadeApi, releaseId: string): Promise<Result<{ id: string }>> {
  const result = await settle(() => api.downloads.start({ releaseId }));
  if (result.ok) useDownloadsStore.getState().show({ id: result.value.id, releaseId });
  return result;
}

export const pauseDownload = (api: PalisadeApi, id: string) => settle(() => api.downloads.pause({ id }));
export const resumeDownload = (api: PalisadeApi, id: string) => settle(() => api.downloads.resume({ id }));
export const cancelDownload = (api: PalisadeApi, id: string) => settle(() => api.downloads.cancel({ id }));
export const openDownload = (api: PalisadeApi, id: string) => settle(() => api.downloads.open({ id }));
export const showDownloadInFolder = (api: PalisadeApi, id: string) => settle(() => api.downloads.showInFolder({ id }));
export const emailStoreLink = (api: PalisadeApi, platform: MobilePlatform) => settle(() => api.downloads.emailLink({ platform }));
