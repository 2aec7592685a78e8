import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { emailTokenSchema } from '../../../shared/api/identity';
import { DEEP_LINK_SCHEME } from '../../../shared/contract/links';
import { escapeHtml } from '../html/escape-html';
import { requestLanguage } from '../i18n/request-language';
import { type MessageId, messagesIn, type ServiceMessages } from '../i18n/service-messages';

/**
 * The pages that e-mail links open: they show the code to paste into the app and an
 * "Open Palisade" link (palisade://…). They never use the token themselves, so a mail
 * scanner that follows the link does not spend it. They speak the browser's language.
 */
const pages = {
  '/confirm': { action: 'confirm', title: 'pages.confirm.title', intro: 'pages.confirm.intro' },
  '/reset-password': {
    action: 'reset-password',
    title: 'pages.resetPassword.title',
    intro: 'pages.resetPassword.intro',
  },
} as const satisfies Record<string, { action: string; title: MessageId; intro: MessageId }>;

const style = `
  :root { color-scheme: light dark; --fg: #1a1a1a; --bg: #ffffff; --muted: #4a4a4a; --accent: #1f4fd1; --box: #f2f4f8; }
  @media (prefers-color-scheme: dark) { :root { --fg: #f2f2f2; --bg: #15171c; --muted: #c4c4c4; --accent: #8fb0ff; --box: #23262e; } }
  body { font: 1.05rem/1.6 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
  main { max-width: 36rem; margin: 3rem auto; padding: 0 1.25rem; }
  p { color: var(--muted); }
  code { display: block; font: 1.1rem/1.5 ui-monospace, monospace; background: var(--box); padding: .75rem 1rem; border-radius: .5rem; word-break: break-all; user-select: all; }
  a.button { display: inline-block; margin-top: 1rem; padding: .7rem 1.2rem; border-radius: .5rem; background: var(--accent); color: var(--bg); font-weight: 600; text-decoration: none; }
  a:focus-visible { outline: 3px solid var(--fg); outline-offset: 3px; }`;

/** A small accessible page in the service's style and in the language of `messages`; `body` is trusted HTML. */
export function page(
  messages: ServiceMessages,
  title: MessageId,
  body: string,
  values: Record<string, string> = {},
): string {
  return `<!doctype html>
<html lang="${messages.language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${messages.html('pages.documentTitle', { title: messages.text(title, values) })}</title><style>${style}</style></head>
<body><main>
<h1>${messages.html(title, values)}</h1>
${body}
</main></body></html>`;
}

/** The sentences of a page, in the language the browser asks for. */
export const pageMessages = (request: FastifyRequest): ServiceMessages =>
  messagesIn(requestLanguage(request.headers['accept-language']));

/** Sends a page that may carry a token in its address: no caching, no Referer, strict CSP. */
export function send(reply: FastifyReply, status: number, html: string) {
  return (
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      // The token is in the address: keep it out of caches and Referer headers.
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      )
      .header('x-content-type-options', 'nosniff')
      // The words depend on the browser's languages.
      .header('vary', 'Accept-Language')
      .send(html)
  );
}

export function installEmailLinkPages(app: FastifyInstance): void {
  for (const [path, meta] of Object.entries(pages)) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const messages = pageMessages(request);
      const raw = (request.query as Record<string, unknown> | undefined)?.token;
      const token = emailTokenSchema.safeParse(typeof raw === 'string' ? raw : '');
      if (!token.success) {
        return send(
          reply,
          400,
          page(messages, 'pages.incomplete.title', `<p>${messages.html('pages.incomplete.body')}</p>`),
        );
      }
      const deepLink = `${DEEP_LINK_SCHEME}://${meta.action}?token=${encodeURIComponent(token.data)}`;
      return send(
        reply,
        200,
        page(
          messages,
          meta.title,
          `<p>${messages.html(meta.intro)}</p>
<h2>${messages.html('pages.yourCode')}</h2>
<code>${escapeHtml(token.data)}</code>
<p><a class="button" href="${escapeHtml(deepLink)}">${messages.html('pages.openPalisade')}</a></p>
<p>${messages.html('pages.safeToOpen')}</p>`,
        ),
      );
    });
  }
}
