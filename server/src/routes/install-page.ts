import type { FastifyInstance } from 'fastify';
import { devicePlatforms, type DevicePlatform, platformNames } from '../../../shared/api/devices';
import { emailTokenSchema } from '../../../shared/api/identity';
import { DEEP_LINK_SCHEME } from '../../../shared/contract/links';
import { findUsableInvitation, INSTALL_PAGE_PATH } from '../devices/invitations';
import { escapeHtml } from '../html/escape-html';
import type { ServiceMessages } from '../i18n/service-messages';
import type { Services } from '../services';
import { downloadList } from '../releases/download-list';
import { downloadsPageUrl, installDownloadsPage } from './downloads-page';
import { page, pageMessages, send } from './email-link-pages';

/**
 * Where to get Palisade, the invited platform first: the installer itself where one is
 * published (a phone's store page), else the downloads page for that platform, which
 * also has the activation steps.
 */
async function downloads(services: Services, messages: ServiceMessages, first: DevicePlatform | undefined): Promise<string> {
  const publicUrl = services.publicUrl();
  const list = await downloadList(services.db, services.config.storeUrls, messages.language);
  const order = first ? [first, ...devicePlatforms.filter((p) => p !== first)] : [...devicePlatforms];
  const items = order.map((p) => {
    const entry = list.find((d) => d.platform === p);
    const href = entry?.url !== undefined ? `${publicUrl}${entry.url}` : (entry?.storeUrl ?? downloadsPageUrl(publicUrl, p));
    // A published installer is the download itself; elsewhere, where to get it.
    const words = entry?.url !== undefined ? messages.html('downloads.page.download', { platform: platformNames[p] }) : messages.html('pages.install.download', { platform: platformNames[p] });
    return `<li><a href="${escapeHtml(href)}">${words}</a></li>`;
  });
  const all = `<p><a href="${escapeHtml(downloadsPageUrl(publicUrl, first))}">${messages.html('downloads.page.title')}</a></p>`;
  return `<h2>${messages.html('pages.install.notInstalled')}</h2>\n<ul>\n${items.join('\n')}\n</ul>\n${all}`;
}

/**
 * `GET /install?token=…`, the page an invitation link opens: "Open in Palisade"
 * (palisade://install?token=…) for a device that has the app, the code to paste into "I
 * have an invitation link" where the browser cannot open palisade://, and where to get the
 * app (the downloads page, served here too), the invited platform first. Like the e-mail
 * link pages it never uses the token, so a mail scanner following the link does not spend it.
 */
export function installInstallPage(app: FastifyInstance, services: Services): void {
  installDownloadsPage(app, services);
  app.get(INSTALL_PAGE_PATH, { schema: { hide: true } }, async (request, reply) => {
    const messages = pageMessages(request);
    const raw = (request.query as Record<string, unknown> | undefined)?.token;
    const token = emailTokenSchema.safeParse(typeof raw === 'string' ? raw : '');
    const invitation = token.success ? await findUsableInvitation(services.db, token.data, services.now()) : undefined;
    if (!token.success || !invitation) {
      return send(
        reply,
        token.success ? 410 : 400,
        page(
          messages,
          'pages.install.unusable.title',
          `<p>${messages.html('pages.install.unusable.body', { reason: token.success ? 'used' : 'incomplete' })}</p>
${await downloads(services, messages, undefined)}`,
        ),
      );
    }
    const deepLink = `${DEEP_LINK_SCHEME}://install?token=${encodeURIComponent(token.data)}`;
    const platform = platformNames[invitation.platform];
    return send(
      reply,
      200,
      page(
        messages,
        'pages.install.title',
        `<p>${messages.html('pages.install.intro')}</p>
<p><a class="button" href="${escapeHtml(deepLink)}">${messages.html('pages.install.open')}</a></p>
<h2>${messages.html('pages.install.buttonDoesNothing')}</h2>
<p>${messages.html('pages.install.paste')}</p>
<code>${escapeHtml(token.data)}</code>
${await downloads(services, messages, invitation.platform)}
<p>${messages.html('pages.install.afterInstalling')}</p>`,
        { platform },
      ),
    );
  });
}
