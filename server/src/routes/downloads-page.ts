import type { FastifyInstance } from 'fastify';
import { devicePlatformSchema, type DevicePlatform, platformNames } from '../../../shared/api/devices';
import type { Download } from '../../../shared/api/downloads';
import { escapeHtml } from '../html/escape-html';
import type { ServiceMessages } from '../i18n/service-messages';
import { downloadList } from '../releases/download-list';
import type { Services } from '../services';
import { page, pageMessages, send } from './email-link-pages';

export const DOWNLOADS_PAGE_PATH = '/downloads';

/** The downloads page, narrowed to a platform (the install page links here, the invited one first). */
export const downloadsPageUrl = (publicUrl: string, platform?: DevicePlatform): string =>
  `${publicUrl}${DOWNLOADS_PAGE_PATH}${platform ? `?platform=${encodeURIComponent(platform)}` : ''}`;

const stores = { android: 'downloads.store.android', ios: 'downloads.store.ios' } as const;

function megabytes(messages: ServiceMessages, bytes: number): string {
  return new Intl.NumberFormat(messages.language, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1e6);
}

/** One platform's section: its installer (or store page), what it needs, and the activation steps. */
function section(messages: ServiceMessages, publicUrl: string, platform: DevicePlatform, entry: Download | undefined): string {
  const name = platformNames[platform];
  const heading = `<h2 id="platform-${platform}">${messages.html('downloads.card.title', { platform: name })}</h2>`;
  if (!entry) return `<section aria-labelledby="platform-${platform}">${heading}\n<p>${messages.html('downloads.page.none', { platform: name })}</p></section>`;
  const link =
    entry.url !== undefined
      ? `<p><a class="button" href="${escapeHtml(`${publicUrl}${entry.url}`)}" download="${escapeHtml(entry.fileName ?? '')}">${messages.html('downloads.page.download', { platform: name })}</a></p>
<p>${messages.html('downloads.page.details', { version: entry.version ?? '', size: megabytes(messages, entry.size ?? 0), system: entry.minimumOs })}</p>
<p>${messages.html('downloads.page.checksum', { sha256: entry.sha256 ?? '' })}</p>`
      : `<p><a class="button" href="${escapeHtml(entry.storeUrl ?? '')}">${messages.html('downloads.page.store', {
          platform: name,
          store: messages.text(stores[platform as keyof typeof stores]),
        })}</a></p>`;
  const steps = `<h3>${messages.html('downloads.steps.heading', { platform: name })}</h3>\n<ol>${entry.instructions.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>`;
  return `<section aria-labelledby="platform-${platform}">${heading}\n${link}\n${steps}</section>`;
}

/**
 * `GET /downloads[?platform=…]`: the newest installer of each platform and the phones'
 * store pages, in the browser's language, in the layout of the e-mail link pages; the
 * platform asked for (the install page's invited one) first. An unknown platform just
 * shows them in the usual order.
 */
export function installDownloadsPage(app: FastifyInstance, services: Services): void {
  app.get(DOWNLOADS_PAGE_PATH, { schema: { hide: true } }, async (request, reply) => {
    const messages = pageMessages(request);
    const raw = (request.query as Record<string, unknown> | undefined)?.platform;
    const asked = devicePlatformSchema.safeParse(raw);
    const list = await downloadList(services.db, services.config.storeUrls, messages.language);
    const order: DevicePlatform[] = ['windows', 'macos', 'linux', 'android', 'ios'];
    if (asked.success) order.sort((a, b) => Number(b === asked.data) - Number(a === asked.data));
    const publicUrl = services.publicUrl();
    return send(
      reply,
      200,
      page(
        messages,
        'downloads.page.title',
        [
          `<p>${messages.html('downloads.page.intro')}</p>`,
          ...order.map((platform) => section(messages, publicUrl, platform, list.find((d) => d.platform === platform))),
          `<p>${messages.html('downloads.page.invited')}</p>`,
        ].join('\n'),
      ),
    );
  });
}
