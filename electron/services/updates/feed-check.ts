import type { UpdateStatus } from '../../../shared/contract/updates';
import type { SupportedPlatform } from '../platform/app-identity';

/** The feed file electron-updater reads per platform, under the service's /updates/<platform>/. */
const feeds: Record<SupportedPlatform, { folder: string; file: string }> = {
  win32: { folder: 'windows', file: 'latest.yml' },
  darwin: { folder: 'macos', file: 'latest-mac.yml' },
  linux: { folder: 'linux', file: 'latest-linux.yml' },
};

export const feedUrl = (apiBaseUrl: string, platform: SupportedPlatform): URL =>
  new URL(`/updates/${feeds[platform].folder}/${feeds[platform].file}`, apiBaseUrl);

/** X.Y.Z compared by number; a pre-release is older than its release, as semver says. */
export function newer(candidate: string, current: string): boolean {
  const parts = (v: string) => {
    const [core = '', pre] = v.split('-', 2);
    return { nums: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const a = parts(candidate);
  const b = parts(current);
  for (let i = 0; i < 3; i++) {
    const diff = (a.nums[i] ?? 0) - (b.nums[i] ?? 0);
    if (diff !== 0) return diff > 0;
  }
  return a.pre === undefined && b.pre !== undefined;
}

/**
 * What the browser host (which cannot install anything) says about updates: the same feed
 * the desktop app's updater reads, its `version:` line against this app's version.
 */
export async function checkFeed(options: {
  apiBaseUrl: string;
  platform: SupportedPlatform;
  currentVersion: string;
  fetch?: typeof fetch;
}): Promise<UpdateStatus> {
  try {
    const response = await (options.fetch ?? fetch)(feedUrl(options.apiBaseUrl, options.platform), {
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 404) return { state: 'upToDate', version: null };
    if (!response.ok) return { state: 'unknown', version: null };
    const match = /^version:\s*['"]?([0-9A-Za-z.+-]{1,64})['"]?\s*$/m.exec(await response.text());
    if (!match?.[1]) return { state: 'unknown', version: null };
    return newer(match[1], options.currentVersion) ? { state: 'available', version: match[1] } : { state: 'upToDate', version: null };
  } catch {
    return { state: 'unknown', version: null };
  }
}
