import { z } from 'zod';
import { licencePublicJwkSchema, sha256HexSchema } from './api/devices';
import { isoTimeSchema } from './api/subscriptions';
import { planIdSchema } from './plans';

/**
 * A licence lease: what the account service signs (compact JWS, EdDSA / Ed25519) when a
 * device registers or sends a heartbeat, so the client can show "protected until" offline
 * (docs/api.md, "Devices").
 */
export const LEASE_ALGORITHM = 'EdDSA';

// A lease lives 7 days during its device's first 30, 14 after, unless a heartbeat renews
// it: the service decides (server/src/licence/lease-term.ts); the client reads `expiresAt`.

export const leasePayloadSchema = z.object({
  deviceId: z.string().min(1),
  subscriptionId: z.string().min(1),
  /** The device fingerprint the lease was issued for. */
  fingerprint: sha256HexSchema,
  plan: planIdSchema,
  /** The subscription's expiry. */
  protectedUntil: isoTimeSchema,
  issuedAt: isoTimeSchema,
  /** The lease's own expiry. */
  expiresAt: isoTimeSchema,
});
export type LeasePayload = z.infer<typeof leasePayloadSchema>;

/** The longest a lease lasts (an established device's): bounds what a retired licence key can still vouch for. */
export const LONGEST_LEASE_DAYS = 14;

/**
 * A licence-key rotation statement: a compact JWS signed by the key it replaces, saying
 * "the licence key after `previous` is `next`, for leases issued from `validFrom` on"
 * (docs/key-rotation.md). Statements are numbered from 1; the app follows them one by
 * one from the key it pinned, so a change that no pinned key signed is refused.
 */
export const LICENCE_KEY_ROTATION_TYPE = 'palisade-licence-key-rotation+jws';

export const licenceKeyRotationSchema = z.object({
  sequence: z.number().int().min(1),
  previous: licencePublicJwkSchema,
  next: licencePublicJwkSchema,
  /** Leases issued before this time are signed by `previous`, from it on by `next`. */
  validFrom: isoTimeSchema,
  issuedAt: isoTimeSchema,
});
export type LicenceKeyRotation = z.infer<typeof licenceKeyRotationSchema>;
