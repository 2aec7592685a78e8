import type { FastifyInstance, FastifyReply } from 'fastify';
import { emailTokenSchema } from '../../../shared/api/identity';
import { DEEP_LINK_SCHEME } from '../../../shared/contract/links';
import { escapeHtml } from '../mail/identity-mails';

/**
 * The pages that e-mail links open: they show the code to paste into the app and an
 * "Open Palisade" link (palisade://…). They never use the token themselves, so a mail
 * scanner that follows the link does not spend it.
 */
const pages = {
  '/confirm': {
    action: 'confirm',
    title: 'Confirm your e-mail address',
    intro: 'To finish creating your account, open Palisade with the button below, or paste this code into the app where it asks for it.',
  },
  '/reset-password': {
    action: 'reset-password',
    title: 'Reset your password',
    intro: 'To choose a new password, open Palisade with the button below, or paste this code into the app where it asks for it. The code works for 30 minutes.',
  },
} as const;

const style = `
  :root { color-scheme: light dark; --fg: #1a1a1a; --bg: #ffffff; --muted: #4a4a4a; --accent: #1f4fd1; --box: #f2f4f8; }
  @media (prefers-color-scheme: dark) { :root { --fg: #f2f2f2; --bg: #15171c; --muted: #c4c4c4; --accent: #8fb0ff; --box: #23262e; } }
  body { font: 1.05rem/1.6 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 0; }
  main { max-width: 36rem; margin: 3rem auto; padding: 0 1.25rem; }
  p { color: var(--muted); }
  code { display: block; font: 1.1rem/1.5 ui-monospace, monospace; background: var(--box); padding: .75rem 1rem; border-radius: .5rem; word-break: break-all; user-select: all; }
  a.button { display: inline-block; margin-top: 1rem; padding: .7rem 1.2rem; border-radius: .5rem; background: var(--accent); color: var(--bg); font-weight: 600; text-decoration: none; }
  a:focus-visible { outline: 3px solid var(--fg); outline-offset: 3px; }`;

/** A small accessible page in the service's style; `body` is trusted HTML. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} — Palisade</title><style>${style}</style></head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

/** Sends a page that may carry a token in its address: no caching, no Referer, strict CSP. */
export function send(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    // The token is in the address: keep it out of caches and Referer headers.
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff')
    .send(html);
}

export function installEmailLinkPages(app: FastifyInstance): void {
  for (const [path, meta] of Object.entries(pages)) {
    app.get(path, { schema: { hide: true } }, async (request, reply) => {
      const raw = (request.query as Record<string, unknown> | undefined)?.token;
      const token = emailTokenSchema.safeParse(typeof raw === 'string' ? raw : '');
      if (!token.success) {
        return send(
          reply,
          400,
          page(
            'This link is incomplete',
            '<p>The link is missing its code, or part of it was cut off. Open the e-mail again and use the whole link, or copy the code from it.</p>',
          ),
        );
      }
      const deepLink = `${DEEP_LINK_SCHEME}://${meta.action}?token=${encodeURIComponent(token.data)}`;
      return send(
        reply,
        200,
        page(
          meta.title,
          `<p>${escapeHtml(meta.intro)}</p>
<h2>Your code</h2>
<code>${escapeHtml(token.data)}</code>
<p><a class="button" href="${escapeHtml(deepLink)}">Open Palisade</a></p>
<p>Nothing happens until you use the code in the app, so it is safe to have opened this page.</p>`,
        ),
      );
    });
  }
}
