import { devicePlatforms, type DevicePlatform } from '../../../shared/api/devices';
import { type Download, isDesktopPlatform, minimumOs } from '../../../shared/api/downloads';
import type { Language } from '../../../shared/i18n/languages';
import enDownloads from '../../../shared/locales/en/downloads.json' with { type: 'json' };
import type { Db } from '../db/database';
import { type MessageId, messagesIn } from '../i18n/service-messages';
import { newestReleases, sizeOf } from './release-store';

export const PRODUCT_NAME = 'Palisade';

/** `downloads.steps.<platform>.1`, `.2`, …: as many as the catalogue has, in order. */
const stepIds = (platform: DevicePlatform): MessageId[] =>
  Object.keys(enDownloads)
    .filter((id) => id.startsWith(`downloads.steps.${platform}.`))
    .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop())) as MessageId[];

/** Activation, step by step, for a platform, in `language`. */
export function activationSteps(platform: DevicePlatform, language: Language): string[] {
  const messages = messagesIn(language);
  return stepIds(platform).map((id) => messages.text(id));
}

export const downloadFilePath = (id: string): string => `/v1/downloads/${encodeURIComponent(id)}/file`;

/**
 * `GET /v1/downloads`: the newest release of each desktop platform that has one, then the
 * phones with their store pages, each with its activation steps in `language`.
 */
export async function downloadList(db: Db, storeUrls: { android: string; ios: string }, language: Language): Promise<Download[]> {
  const newest = await newestReleases(db);
  const list: Download[] = [];
  for (const platform of devicePlatforms) {
    const base = { product: PRODUCT_NAME, platform, minimumOs: minimumOs[platform], instructions: activationSteps(platform, language) };
    if (isDesktopPlatform(platform)) {
      const release = newest.get(platform);
      if (!release) continue;
      list.push({
        ...base,
        id: release.id,
        version: release.version,
        releasedAt: release.published_at.toISOString(),
        fileName: release.file_name,
        size: sizeOf(release),
        sha256: release.sha256,
        url: downloadFilePath(release.id),
        ...(release.notes !== null && { notes: release.notes }),
      });
    } else {
      list.push({ ...base, id: platform, storeUrl: storeUrls[platform as 'android' | 'ios'] });
    }
  }
  return list;
}
