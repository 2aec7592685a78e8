import type { DevicePlatform } from '../../../shared/api/devices';
import { type Download, isDesktopPlatform } from '../../../shared/api/downloads';

/** This computer's platform in the downloads' words. */
export function platformOf(nodePlatform: 'win32' | 'darwin' | 'linux'): DevicePlatform {
  return nodePlatform === 'win32' ? 'windows' : nodePlatform === 'darwin' ? 'macos' : 'linux';
}

/** The installer for this computer first, then the other computers', then the phones', each group in the service's order. */
export function orderForThisComputer(items: readonly Download[], thisPlatform: DevicePlatform): Download[] {
  const rank = (d: Download) => (d.platform === thisPlatform ? 0 : isDesktopPlatform(d.platform) ? 1 : 2);
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
    .map(({ item }) => item);
}
