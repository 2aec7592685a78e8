import { z } from 'zod';
import { singleLineText } from '../text';
import { emailSchema } from './identity';
import { isoTimeSchema } from './subscriptions';

/** docs/api.md, "Devices". */

/**
 * A SHA-256 or HMAC-SHA256 digest in lower-case hex. Component hashes and fingerprints
 * must have this shape, so a raw serial number cannot be sent by mistake.
 */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'Expected a SHA-256 digest in lower-case hex.');

export const fingerprintComponentKinds = [
  'hardwareUuid',
  'baseboardSerial',
  'diskSerial',
  'mac',
  'osMachineId',
] as const;
export type FingerprintComponentKind = (typeof fingerprintComponentKinds)[number];

/** One component as the user sees it in "What this computer shares": its kind and hash. */
export const fingerprintComponentSchema = z.object({
  kind: z.enum(fingerprintComponentKinds),
  hash: sha256HexSchema,
});
export type FingerprintComponent = z.infer<typeof fingerprintComponentSchema>;

/** The most components a machine reports (five kinds, several MACs). */
export const MAX_FINGERPRINT_COMPONENTS = 32;

/** `fingerprint` is the SHA-256 of the sorted component hashes. */
export const deviceFingerprintSchema = z.object({
  fingerprint: sha256HexSchema,
  components: z.array(fingerprintComponentSchema).min(1).max(MAX_FINGERPRINT_COMPONENTS),
});
export type DeviceFingerprint = z.infer<typeof deviceFingerprintSchema>;

export const devicePlatforms = ['windows', 'macos', 'linux', 'android', 'ios'] as const;
export type DevicePlatform = (typeof devicePlatforms)[number];
export const devicePlatformSchema = z.enum(devicePlatforms);

/** Platform names as people write them (the app, the invitation e-mail and the install page). */
export const platformNames: Record<DevicePlatform, string> = {
  windows: 'Windows',
  macos: 'macOS',
  linux: 'Linux',
  android: 'Android',
  ios: 'iPhone and iPad',
};

export const deviceStatuses = ['active', 'deactivated'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

export const DEVICE_NAME_MAX_LENGTH = 64;

/**
 * Device names: trimmed, 1–64 characters (as a person counts them), one line, no control
 * or text-direction characters (../text.ts): a name must display as what it is.
 */
export const deviceNameSchema = singleLineText({
  min: 1,
  max: DEVICE_NAME_MAX_LENGTH,
  countCodePoints: true,
  messages: {
    tooShort: 'Enter a name for this device.',
    tooLong: `Device names are at most ${DEVICE_NAME_MAX_LENGTH} characters.`,
  },
});

export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  os: z.string(),
  platform: devicePlatformSchema,
  subscriptionId: z.string(),
  status: z.enum(deviceStatuses),
  registeredAt: isoTimeSchema,
  lastSeenAt: isoTimeSchema,
});
export type Device = z.infer<typeof deviceSchema>;
/** Active and deactivated devices, most recently seen first. */
export const deviceListSchema = z.array(deviceSchema);

/** `POST /v1/devices`, and `POST /v1/devices/:id/transfer` for the new machine. */
export const registerDeviceBodySchema = z.object({
  /** Which subscription to take a seat on; the service picks one when absent. */
  subscriptionId: z.string().min(1).max(128).optional(),
  fingerprint: sha256HexSchema,
  components: z.array(sha256HexSchema).min(1).max(MAX_FINGERPRINT_COMPONENTS),
  name: deviceNameSchema,
  /** A display string such as "Windows 11 Pro 23H2". */
  os: singleLineText({ min: 1, max: 128 }),
  platform: devicePlatformSchema,
  appVersion: singleLineText({ min: 1, max: 64 }),
});
export type RegisterDeviceBody = z.infer<typeof registerDeviceBodySchema>;
export const transferDeviceBodySchema = registerDeviceBodySchema;

/** `lease` is a compact JWS; see ../lease.ts. */
export const registerDeviceResponseSchema = z.object({ device: deviceSchema, lease: z.string().min(1) });

/** `details` of `409 SEAT_LIMIT_REACHED`: the plan's active devices, so one can be freed. */
export const seatLimitDetailsSchema = z.object({ devices: z.array(deviceSchema) });

export const renameDeviceBodySchema = z.object({ name: deviceNameSchema });

/** The machine sends what it is now: the service checks it is still the device (the half rule). */
export const heartbeatBodySchema = z.object({
  fingerprint: sha256HexSchema,
  components: z.array(sha256HexSchema).min(1).max(MAX_FINGERPRINT_COMPONENTS),
});
export type HeartbeatBody = z.infer<typeof heartbeatBodySchema>;
export const heartbeatResponseSchema = z.object({ lease: z.string().min(1) });

export const invitationBodySchema = z.object({
  email: emailSchema.optional(),
  platform: devicePlatformSchema,
});
export const invitationResponseSchema = z.object({ link: z.url(), expiresAt: isoTimeSchema });
/** `POST /v1/devices/invitations/accept`: the invitation is spent; it was for this platform. */
export const invitationAcceptResponseSchema = z.object({ platform: devicePlatformSchema });

/** The licence signing key's public half (Ed25519, RFC 8037). */
export const licencePublicJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Expected a 32-byte key in base64url.'),
});
export type LicencePublicJwk = z.infer<typeof licencePublicJwkSchema>;

/**
 * `GET /v1/licence/public-key`: the key leases are signed with now, and every licence-key
 * rotation statement in order (compact JWS each, shared/lease.ts), so a client that pinned
 * an earlier key can follow the signed chain to this one.
 */
export const licencePublicKeyResponseSchema = z.object({
  alg: z.literal('EdDSA'),
  jwk: licencePublicJwkSchema,
  rotations: z.array(z.string().min(1).max(4096)).max(1000).default([]),
});
