import type { FastifyInstance } from 'fastify';
import { devicePlatforms, type DevicePlatform, platformNames } from '../../../shared/api/devices';
import { emailTokenSchema } from '../../../shared/api/identity';
import { DEEP_LINK_SCHEME } from '../../../shared/contract/links';
import { findUsableInvitation, INSTALL_PAGE_PATH } from '../devices/invitations';
import { escapeHtml } from '../mail/identity-mails';
import type { Services } from '../services';
import { page, send } from './email-link-pages';

/**
 * Where a browser gets the installer for a platform: the downloads list of API.md
 * ("Downloads, billing, support"), narrowed to the platform. One place to change when the
 * downloads service gets pages of its own.
 */
export const downloadUrl = (publicUrl: string, platform: DevicePlatform): string =>
  `${publicUrl}/v1/downloads?platform=${encodeURIComponent(platform)}`;

function downloads(publicUrl: string, first: DevicePlatform | undefined): string {
  const order = first ? [first, ...devicePlatforms.filter((p) => p !== first)] : [...devicePlatforms];
  const items = order.map(
    (p) => `<li><a href="${escapeHtml(downloadUrl(publicUrl, p))}">Download Palisade for ${escapeHtml(platformNames[p])}</a></li>`,
  );
  return `<h2>Not installed yet?</h2>\n<ul>\n${items.join('\n')}\n</ul>`;
}

/**
 * `GET /install?token=…`, the page an invitation link opens: "Open in Palisade"
 * (palisade://install?token=…) for a device that has the app, and the downloads, the
 * invited platform first, for one that does not. Like the e-mail link pages it never
 * uses the token, so a mail scanner following the link does not spend it.
 */
export function installInstallPage(app: FastifyInstance, services: Services): void {
  app.get(INSTALL_PAGE_PATH, { schema: { hide: true } }, async (request, reply) => {
    const publicUrl = services.publicUrl();
    const raw = (request.query as Record<string, unknown> | undefined)?.token;
    const token = emailTokenSchema.safeParse(typeof raw === 'string' ? raw : '');
    const invitation = token.success ? await findUsableInvitation(services.db, token.data, services.now()) : undefined;
    if (!token.success || !invitation) {
      return send(
        reply,
        token.success ? 410 : 400,
        page(
          'This invitation cannot be used',
          `<p>${token.success ? 'The invitation has been used already or has expired.' : 'The link is missing its code, or part of it was cut off.'} Ask the person who invited you for a new link. You can still install Palisade and sign in yourself.</p>
${downloads(publicUrl, undefined)}`,
        ),
      );
    }
    const deepLink = `${DEEP_LINK_SCHEME}://install?token=${encodeURIComponent(token.data)}`;
    const platform = platformNames[invitation.platform];
    return send(
      reply,
      200,
      page(
        `Protect this ${platform} device`,
        `<p>You were invited to protect this device with a Palisade subscription. If Palisade is installed here, open it with the button below; it will add this device once you sign in.</p>
<p><a class="button" href="${escapeHtml(deepLink)}">Open in Palisade</a></p>
${downloads(publicUrl, invitation.platform)}
<p>After installing, come back to this page and choose “Open in Palisade”. The invitation works once and only until it expires.</p>`,
      ),
    );
  });
}
