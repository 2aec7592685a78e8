import { z } from 'zod';
import { sha256HexSchema } from './api/devices';
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
