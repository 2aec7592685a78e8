import type { DesktopMessageId } from '../i18n/desktop-catalogues';

/**
 * What is wrong with the account service's address, or null when it may be used: `https`,
 * or plain `http` only on this computer's own loopback (a development service). Anything
 * else would send passwords and tokens in the clear. The answer names a desktop message
 * (its placeholder is `{url}`), so the refusal is said in the user's language.
 */
export function serviceUrlProblem(text: string): DesktopMessageId | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'desktop.serviceUrl.notAUrl';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return null;
  return 'desktop.serviceUrl.notHttps';
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
