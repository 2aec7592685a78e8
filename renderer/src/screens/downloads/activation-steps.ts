import type { DevicePlatform } from '../../../../shared/api/devices';
import enDownloads from '../../../../shared/locales/en/downloads.json';
import type { MessageId } from '../../i18n/catalogues';

/** `downloads.steps.<platform>.1`, `.2`, …: as many as the catalogue has, in order. */
export function activationStepIds(platform: DevicePlatform): MessageId[] {
  return (Object.keys(enDownloads) as MessageId[])
    .filter((id) => id.startsWith(`downloads.steps.${platform}.`))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()));
}
