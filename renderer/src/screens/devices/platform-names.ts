import { useCallback } from 'react';
import type { DevicePlatform } from '../../../../shared/api/devices';
import type { MessageId } from '../../i18n/catalogues';
import { useT } from '../../i18n/use-t';

/** Each platform's name in the catalogue ("iPhone and iPad", "iPhone und iPad"). */
export const platformNameIds: Record<DevicePlatform, MessageId> = {
  windows: 'devices.platform.windows',
  macos: 'devices.platform.macos',
  linux: 'devices.platform.linux',
  android: 'devices.platform.android',
  ios: 'devices.platform.ios',
};

/** A platform's name in the language the app speaks now. */
export function usePlatformName(): (platform: DevicePlatform) => string {
  const t = useT();
  return useCallback((platform: DevicePlatform) => t(platformNameIds[platform]), [t]);
}
