import type { Handlers } from '../../../shared/contract/types';
import type { DownloadsService } from './downloads-service';

/** The `downloads` area of the contract: installers, store links, and their e-mail. */
export function createDownloadsHandlers(downloads: DownloadsService): Pick<Handlers, 'downloads'> {
  return {
    downloads: {
      list: () => downloads.list(),
      start: ({ releaseId }) => downloads.start(releaseId),
      pause: async ({ id }) => {
        downloads.pause(id);
        return null;
      },
      resume: async ({ id }) => {
        downloads.resume(id);
        return null;
      },
      cancel: async ({ id }) => {
        await downloads.cancel(id);
        return null;
      },
      current: async () => downloads.current(),
      open: ({ id }) => downloads.open(id),
      showInFolder: ({ id }) => downloads.showInFolder(id),
      emailLink: async ({ platform }) => {
        await downloads.emailLink(platform);
        return null;
      },
    },
  };
}
