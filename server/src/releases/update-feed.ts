import type { DesktopPlatform } from '../../../shared/api/downloads';
import { type ReleaseRow, sizeOf } from './release-store';

/** electron-updater's generic-provider channel file of each platform. */
export const feedFileNames: Record<DesktopPlatform, string> = {
  windows: 'latest.yml',
  macos: 'latest-mac.yml',
  linux: 'latest-linux.yml',
};

/** The file's address relative to the feed: `<version>/<file name>`, so one name can be published again under a new version. */
export const feedFileUrl = (release: Pick<ReleaseRow, 'version' | 'file_name'>): string =>
  `${encodeURIComponent(release.version)}/${encodeURIComponent(release.file_name)}`;

// A JSON string is a YAML double-quoted scalar: names and notes cannot break the document.
const scalar = (value: string): string => JSON.stringify(value);

/**
 * The channel file electron-updater reads (its `UpdateInfo`): the newest release, its file
 * with SHA-512 (base64) and size, and `stagingPercentage` when only some installations
 * are to take it yet.
 */
export function updateFeed(release: ReleaseRow): string {
  const url = feedFileUrl(release);
  const lines = [
    `version: ${scalar(release.version)}`,
    'files:',
    `  - url: ${scalar(url)}`,
    `    sha512: ${scalar(release.sha512)}`,
    `    size: ${sizeOf(release)}`,
    `path: ${scalar(url)}`,
    `sha512: ${scalar(release.sha512)}`,
    `releaseDate: ${scalar(release.published_at.toISOString())}`,
    ...(release.notes !== null ? [`releaseNotes: ${scalar(release.notes)}`] : []),
    ...(release.rollout_percent !== null ? [`stagingPercentage: ${release.rollout_percent}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}
