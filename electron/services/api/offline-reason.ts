import { isIPv4, isIPv6 } from 'node:net';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { OfflineReason } from '../../../shared/offline-reason';

/** The OS's network interfaces, as `os.networkInterfaces()` lists them (tests fake it). */
export type InterfacesSource = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

/** Errors that say this computer has no network: no route anywhere, or a name server that gives no answer. */
const noNetworkCodes = new Set(['ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN']);

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIPv4(host)) return host.startsWith('127.');
  if (isIPv6(host)) return host === '::1' || /^::ffff:127\./.test(host);
  return false;
}

/** Whether any interface other than loopback has an address: a cable, Wi-Fi or mobile link is up. */
export function hasNetworkInterface(interfaces: InterfacesSource = networkInterfaces): boolean {
  return Object.values(interfaces()).some((addresses) => addresses?.some((address) => !address.internal));
}

/**
 * The OS error code behind a failed connection: Node puts it on the error, on its `cause`,
 * or, when it tried IPv4 and IPv6 in turn, on each error of an AggregateError.
 */
export function systemErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const { code, errors, cause } = current as { code?: unknown; errors?: unknown; cause?: unknown };
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code) && !code.startsWith('ERR_')) return code;
    if (Array.isArray(errors) && errors.length > 0) current = errors[0];
    else current = cause;
  }
  return undefined;
}

/**
 * Why a request to `serviceUrl` got no answer, honestly from what Node can tell. A service
 * on this computer needs no internet, so it is the service. No interface up, no route, or a
 * name server that does not answer is no internet. Everything else (refused, reset,
 * timed out, a name the name server says does not exist, a 5xx) came from a working
 * network, so it is the service.
 */
export function classifyOffline(
  error: unknown,
  serviceUrl: string,
  interfaces: InterfacesSource = networkInterfaces,
): OfflineReason {
  if (isLoopbackHost(new URL(serviceUrl).hostname)) return 'service-unreachable';
  if (!hasNetworkInterface(interfaces)) return 'no-internet';
  const code = systemErrorCode(error);
  return code !== undefined && noNetworkCodes.has(code) ? 'no-internet' : 'service-unreachable';
}
