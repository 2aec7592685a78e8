import type { FastifyInstance } from 'fastify';
import { devicePlatforms, type DevicePlatform, platformNames } from '../../../shared/api/devices';
import { emailTokenSchema } from '../../../shared/api/identity';
import { DEEP_LINK_SCHEME } from '../../../shared/contract/links';
import { findUsableInvitation, INSTALL_PAGE_PATH } from '../devices/invitations';
import { escapeHtml } from '../html/escape-html';
import type { ServiceMessages } from '../i18n/service-messages';
import type { Services } from '../services';
import { downloadsPageUrl, installDownloadsPage } from './downloads-page';
import { page, pageMessages, send } from './email-link-pages';

function downloads(messages: ServiceMessages, publicUrl: string, first: DevicePlatform | undefined): string {
  const order = first ? [first, ...devicePlatforms.filter((p) => p !== first)] : [...devicePlatforms];
  const items = order.map(
    (p) =>
      `<li><a href="${escapeHtml(downloadsPageUrl(publicUrl, p))}">${messages.html('pages.install.download', { platform: platformNames[p] })}</a></li>`,
  );
  return `<h2>${messages.html('pages.install.notInstalled')}</h2>\n<ul>\n${items.join('\n')}\n</ul>`;
}

/**
 * `GET /install?token=…`, the page an invitation link opens: "Open in Palisade"
 * (palisade://install?token=…) for a device that has the app, the code to paste into "I
 * have an invitation link" where the browser cannot open palisade://, and where to get the
 * app (the downloads page, served here too), the invited platform first. Like the e-mail
 * link pages it never uses the token, so a mail scanner following the link does not spend it.
 */
export function installInstallPage(app: FastifyInstance, services: Services): void {
  installDownloadsPage(app);
  app.get(INSTALL_PAGE_PATH, { schema: { hide: true } }, async (request, reply) => {
    const messages = pageMessages(request);
    const publicUrl = services.publicUrl();
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
${downloads(messages, publicUrl, undefined)}`,
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
${downloads(messages, publicUrl, invitation.platform)}
<p>${messages.html('pages.install.afterInstalling')}</p>`,
        { platform },
      ),
    );
  });
}
