import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LAUNCH_PATH_PREFIX } from '../../shared/contract/bridge-protocol';

/**
 * Who may use the browser host. The host prints a launch link with a per-launch secret;
 * opening it gives that browser an HttpOnly, SameSite=Strict cookie. The WebSocket bridge
 * then requires that cookie, a `Host` naming this loopback port (against DNS rebinding),
 * and an `Origin` equal to that host (against other sites in the same browser).
 */
export interface LaunchAuth {
  readonly launchPath: string;
  /** Whether `pathname` is the launch link of this run. */
  isLaunchPath(pathname: string): boolean;
  setCookieHeader(): string;
  hasCookie(req: IncomingMessage): boolean;
  /** The request's Host if it names this host, else null. */
  allowedHost(req: IncomingMessage): string | null;
  /** Why a WebSocket upgrade is refused, or null when it may proceed. */
  refuseUpgrade(req: IncomingMessage): { status: 401 | 403; reason: string } | null;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function createLaunchAuth(port: number, { secret = randomBytes(32).toString('base64url') }: { secret?: string } = {}): LaunchAuth {
  const cookieValue = randomBytes(32).toString('base64url');
  // Cookies ignore ports; naming it for the port keeps two hosts on one machine apart.
  const cookieName = `palisade_host_${port}`;
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const launchPath = `${LAUNCH_PATH_PREFIX}${secret}`;

  const auth: LaunchAuth = {
    launchPath,
    isLaunchPath: (pathname) => pathname.startsWith(LAUNCH_PATH_PREFIX) && safeEqual(pathname, launchPath),
    setCookieHeader: () => `${cookieName}=${cookieValue}; HttpOnly; SameSite=Strict; Path=/`,
    hasCookie(req) {
      const value = readCookie(req.headers.cookie, cookieName);
      return value !== undefined && safeEqual(value, cookieValue);
    },
    allowedHost(req) {
      const host = req.headers.host?.toLowerCase();
      return host !== undefined && hosts.has(host) ? host : null;
    },
    refuseUpgrade(req) {
      const host = auth.allowedHost(req);
      if (!host) return { status: 403, reason: 'wrong host' };
      if (req.headers.origin !== `http://${host}`) return { status: 403, reason: 'wrong origin' };
      if (!auth.hasCookie(req)) return { status: 401, reason: 'no launch cookie' };
      return null;
    },
  };
  return auth;
}
