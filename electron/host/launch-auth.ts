import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { BridgeHello } from '../../shared/contract/bridge-protocol';

/**
 * Who may use the browser host.
 *
 * The host prints (and opens) a launch link whose fragment holds a launch secret: browsers
 * never send a fragment, so no server, log or other loopback port sees it. The tab's first
 * bridge message exchanges it for a tab secret, which the tab keeps in sessionStorage (its
 * own origin, so its own port) and presents on every reconnection. The launch secret works
 * once and expires: it is on the opener's command line (`xdg-open …`), which every local
 * user can read, so it must be worthless once the browser has used it, and soon anyway.
 *
 * The secrets are what authenticates; `Host` (against DNS rebinding) and `Origin` (against
 * other sites in the same browser) are checked on the upgrade as well, as extra layers:
 * a non-browser client can forge both.
 */
export interface LaunchAuth {
  /** A new launch secret; an earlier one that was not used yet stops working. */
  issueLaunchSecret(): string;
  /** Exchanges a `hello` for the tab's secret, or says why not. */
  admit(hello: BridgeHello): { tab: string } | { refused: string };
  /** The request's Host if it names this host, else null. */
  allowedHost(req: IncomingMessage): string | null;
  /** Why a WebSocket upgrade is refused before any secret is asked for, or null. */
  refuseUpgrade(req: IncomingMessage): { status: 403; reason: string } | null;
}

export interface LaunchAuthOptions {
  /**
   * How long a launch link works if nobody uses it: two minutes. The browser `npm start`
   * opens uses it within seconds; two minutes also covers copying it from the terminal by
   * hand, while keeping a link read off the process list or the scrollback short-lived.
   */
  launchLifetimeMs?: number;
  now?: () => number;
}

export const LAUNCH_LIFETIME_MS = 2 * 60_000;

const newSecret = () => randomBytes(32).toString('base64url');
const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function createLaunchAuth(port: number, { launchLifetimeMs = LAUNCH_LIFETIME_MS, now = Date.now }: LaunchAuthOptions = {}): LaunchAuth {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  /** The one launch secret that may still be exchanged, until when. */
  let launch: { secret: string; expiresAt: number } | null = null;
  /** Digests of the tab secrets handed out in this run: a lookup that leaks nothing by timing. */
  const tabs = new Set<string>();

  const auth: LaunchAuth = {
    issueLaunchSecret() {
      const secret = newSecret();
      launch = { secret, expiresAt: now() + launchLifetimeMs };
      return secret;
    },
    admit(hello) {
      if ('tab' in hello) return tabs.has(digest(hello.tab)) ? { tab: hello.tab } : { refused: 'unknown tab secret' };
      const current = launch;
      if (!current || !safeEqual(hello.launch, current.secret)) return { refused: 'launch link spent or unknown' };
      // Spent whether it is still fresh or not: nobody gets a second try with it.
      launch = null;
      if (now() > current.expiresAt) return { refused: 'launch link expired' };
      const tab = newSecret();
      tabs.add(digest(tab));
      return { tab };
    },
    allowedHost(req) {
      const host = req.headers.host?.toLowerCase();
      return host !== undefined && hosts.has(host) ? host : null;
    },
    refuseUpgrade(req) {
      const host = auth.allowedHost(req);
      if (!host) return { status: 403, reason: 'wrong host' };
      if (req.headers.origin !== `http://${host}`) return { status: 403, reason: 'wrong origin' };
      return null;
    },
  };
  return auth;
}
