import type { FastifyInstance } from 'fastify';
import { devicePlatformSchema, type DevicePlatform, platformNames } from '../../../shared/api/devices';
import { page, pageMessages, send } from './email-link-pages';

export const DOWNLOADS_PAGE_PATH = '/downloads';

/** The downloads page, narrowed to a platform (the install page links here, the invited one first). */
export const downloadsPageUrl = (publicUrl: string, platform?: DevicePlatform): string =>
  `${publicUrl}${DOWNLOADS_PAGE_PATH}${platform ? `?platform=${encodeURIComponent(platform)}` : ''}`;

const phones: readonly DevicePlatform[] = ['android', 'ios'];

/**
 * `GET /downloads[?platform=…]`: where to get Palisade today, in the browser's language,
 * in the layout of the e-mail link pages. There are no installers to link to yet
 * (docs/api.md "Downloads and updates"), so it says so plainly instead of offering a link
 * that answers 404; an unknown platform just shows the page for all of them.
 */
export function installDownloadsPage(app: FastifyInstance): void {
  app.get(DOWNLOADS_PAGE_PATH, { schema: { hide: true } }, async (request, reply) => {
    const messages = pageMessages(request);
    const raw = (request.query as Record<string, unknown> | undefined)?.platform;
    const platform = devicePlatformSchema.safeParse(raw);
    const phone = platform.success && phones.includes(platform.data) ? platform.data : undefined;
    return send(
      reply,
      200,
      page(
        messages,
        'pages.downloads.title',
        [
          phone && `<p>${messages.html('pages.downloads.phones', { platform: platformNames[phone] })}</p>`,
          `<p>${messages.html('pages.downloads.notYet')}</p>`,
          `<p>${messages.html('pages.downloads.today')}</p>`,
          `<p>${messages.html('pages.downloads.invited')}</p>`,
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    );
  });
}
