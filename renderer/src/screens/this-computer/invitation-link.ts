import { emailTokenSchema } from '../../../../shared/api/identity';
import { parseDeepLink } from '../../../../shared/contract/links';

export type PastedInvitation =
  | { ok: true; token: string }
  /** `notInvitation`: a link of another e-mail (confirming an address, a new password). */
  | { ok: false; reason: 'missing' | 'notInvitation' | 'unreadable' };

/** The path the invitation e-mail's https link opens (the service's install page). */
const INSTALL_PATH = /\/install\/?$/;

/**
 * What a person pasted into "I have an invitation link": the `palisade://install?token=…`
 * link, the e-mail's `https://…/install?token=…` link, or the bare token.
 */
export function parseInvitationLink(pasted: string): PastedInvitation {
  const text = pasted.trim();
  if (text === '') return { ok: false, reason: 'missing' };

  const deepLink = parseDeepLink(text);
  if (deepLink)
    return deepLink.action === 'install' ? { ok: true, token: deepLink.token } : { ok: false, reason: 'notInvitation' };

  const url = asUrl(text);
  if (url) {
    if (url.protocol === 'https:' || url.protocol === 'http:') {
      if (!INSTALL_PATH.test(url.pathname))
        return { ok: false, reason: url.searchParams.has('token') ? 'notInvitation' : 'unreadable' };
      return tokenOf(url.searchParams.get('token'));
    }
    // palisade://install with a token cut short, or another scheme altogether.
    return { ok: false, reason: 'unreadable' };
  }
  return tokenOf(text);
}

function tokenOf(raw: string | null): PastedInvitation {
  const token = emailTokenSchema.safeParse(raw ?? '');
  return token.success ? { ok: true, token: token.data } : { ok: false, reason: 'unreadable' };
}

/** A URL only when it has a scheme: a bare token must not be read as a relative address. */
function asUrl(text: string): URL | null {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text)) return null;
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
