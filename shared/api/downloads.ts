import { z } from 'zod';
import { devicePlatformSchema, type DevicePlatform, sha256HexSchema } from './devices';
import { isoTimeSchema } from './subscriptions';

/** docs/api.md, "Downloads and updates". */

/** Platforms with an installer the service keeps (the phones have store links instead). */
export const desktopPlatforms = ['windows', 'macos', 'linux'] as const satisfies readonly DevicePlatform[];
export type DesktopPlatform = (typeof desktopPlatforms)[number];
export const desktopPlatformSchema = z.enum(desktopPlatforms);

export const mobilePlatforms = ['android', 'ios'] as const satisfies readonly DevicePlatform[];
export type MobilePlatform = (typeof mobilePlatforms)[number];
export const mobilePlatformSchema = z.enum(mobilePlatforms);

export const isDesktopPlatform = (platform: DevicePlatform): platform is DesktopPlatform =>
  (desktopPlatforms as readonly string[]).includes(platform);

/** The oldest system each platform's Palisade runs on: a product fact, not a sentence. */
export const minimumOs: Record<DevicePlatform, string> = {
  windows: 'Windows 10',
  macos: 'macOS 12',
  linux: 'Ubuntu 22.04',
  android: 'Android 9',
  ios: 'iOS 16',
};

/** Semantic versioning 2.0.0 (semver.org's own pattern), so electron-updater can compare it. */
export const semverPattern =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
export const releaseVersionSchema = z.string().max(64).regex(semverPattern, 'Expected a version such as 1.2.3.');

/** One entry of `GET /v1/downloads`: an installer (desktop) or a store link (phones). */
export const downloadSchema = z.object({
  id: z.string(),
  product: z.string(),
  platform: devicePlatformSchema,
  version: z.string().optional(),
  releasedAt: isoTimeSchema.optional(),
  minimumOs: z.string(),
  /** Activation, step by step, in the reader's language. */
  instructions: z.array(z.string()),
  fileName: z.string().optional(),
  size: z.number().int().nonnegative().optional(),
  sha256: sha256HexSchema.optional(),
  /** The file, relative to the service: `/v1/downloads/<id>/file`. */
  url: z.string().optional(),
  storeUrl: z.url().optional(),
  notes: z.string().optional(),
});
export type Download = z.infer<typeof downloadSchema>;
export const downloadListSchema = z.array(downloadSchema);

/** `POST /v1/downloads/email-link`: a phone's store link to the account's own address. */
export const emailLinkRequestSchema = z.strictObject({ platform: mobilePlatformSchema });
export type EmailLinkRequest = z.infer<typeof emailLinkRequestSchema>;
