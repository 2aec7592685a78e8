import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { platformNames } from '../../../shared/api/devices';
import { downloadListSchema, emailLinkRequestSchema } from '../../../shared/api/downloads';
import { requireAuth } from '../http/authenticate';
import { noContent } from '../http/no-content';
import { errorResponses, ServiceError } from '../http/service-error';
import { readerLanguage } from '../i18n/reader-language';
import { findUserById } from '../identity/users';
import { linkMail } from '../mail/mail-layout';
import { queueMail } from '../mail/outbox';
import { downloadList } from '../releases/download-list';
import { findRelease } from '../releases/release-store';
import { sendReleaseFile } from '../releases/send-release-file';
import { asUuid } from '../db/ids';
import type { Services } from '../services';
import { idParamsSchema } from './id-params';

/** A person asking for their own inbox to get the store link: a few a day is plenty. */
const EMAIL_LINKS_PER_HOUR = 10;

/** docs/api.md "Downloads and updates": the installers, the phones' store pages, and the store link by e-mail. */
export const downloadsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['downloads'];

  app.get(
    '/v1/downloads',
    {
      schema: {
        tags,
        summary: 'The newest installer of each platform, the phones’ store pages, and how to activate each',
        response: { 200: downloadListSchema, ...errorResponses },
      },
    },
    async (request) =>
      downloadList(
        services.db,
        services.config.storeUrls,
        await readerLanguage(services, request),
      ),
  );

  app.get(
    '/v1/downloads/:id/file',
    { schema: { tags, summary: 'An installer, whole or a byte range (Range, If-Range)', params: idParamsSchema } },
    async (request, reply) => {
      const release = await findRelease(services.db, asUuid(request.params.id));
      if (!release) throw new ServiceError('NOT_FOUND', 'There is no such download.');
      return sendReleaseFile(request, reply, release, services.config.dataDir);
    },
  );

  app.post(
    '/v1/downloads/email-link',
    {
      onRequest: app.authenticate,
      config: { rateLimit: { max: EMAIL_LINKS_PER_HOUR, timeWindow: 60 * 60_000 } },
      schema: {
        tags,
        security: [{ bearerAuth: [] }],
        summary: 'E-mail the store link of a phone app to the account’s own address',
        body: emailLinkRequestSchema,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const user = await findUserById(services.db, requireAuth(request).userId);
      if (!user) throw new ServiceError('UNAUTHORIZED', 'Sign in to continue.');
      const values = { platform: platformNames[request.body.platform] };
      // Only ever to the account's own address, so it cannot be turned on someone else's inbox.
      await queueMail(
        services.db,
        linkMail(user.language, {
          to: user.email,
          name: user.name,
          subject: { id: 'downloads.mail.subject', values },
          intro: { id: 'downloads.mail.intro', values },
          action: { id: 'downloads.mail.action', values },
          outro: { id: 'downloads.mail.outro', values },
          link: services.config.storeUrls[request.body.platform],
        }),
        services.now(),
      );
      return noContent(reply, 204);
    },
  );
};
