import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { desktopPlatformSchema } from '../../../shared/api/downloads';
import { ServiceError } from '../http/service-error';
import { findReleaseByVersion, newestReleases } from '../releases/release-store';
import { sendReleaseFile } from '../releases/send-release-file';
import { feedFileNames, updateFeed } from '../releases/update-feed';
import type { Services } from '../services';

const noFeed = () => new ServiceError('NOT_FOUND', 'There is no such update.');

/**
 * docs/api.md "Downloads and updates": electron-updater's generic-provider feeds, one
 * folder per platform (`/updates/windows/latest.yml`), and the files they name beside them
 * (`/updates/windows/1.2.3/Palisade-Setup.exe`), served with ranges like the downloads,
 * since electron-updater resumes and fetches differential blocks with them.
 */
export const updateFeedRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const text = z.string().min(1).max(256);

  app.get(
    '/updates/:platform/:feed',
    { schema: { tags: ['downloads'], summary: 'electron-updater’s channel file of a platform', params: z.object({ platform: text, feed: text }) } },
    async (request, reply) => {
      const platform = desktopPlatformSchema.safeParse(request.params.platform);
      if (!platform.success || feedFileNames[platform.data] !== request.params.feed) throw noFeed();
      const release = (await newestReleases(services.db)).get(platform.data);
      if (!release) throw noFeed();
      return reply.type('text/yaml; charset=utf-8').send(updateFeed(release));
    },
  );

  app.get(
    '/updates/:platform/:version/:fileName',
    {
      schema: {
        tags: ['downloads'],
        summary: 'The file a feed names, whole or a byte range',
        params: z.object({ platform: text, version: text, fileName: text }),
      },
    },
    async (request, reply) => {
      const platform = desktopPlatformSchema.safeParse(request.params.platform);
      if (!platform.success) throw noFeed();
      const release = await findReleaseByVersion(services.db, platform.data, request.params.version);
      if (!release || release.file_name !== request.params.fileName) throw noFeed();
      return sendReleaseFile(request, reply, release, services.config.dataDir);
    },
  );
};
