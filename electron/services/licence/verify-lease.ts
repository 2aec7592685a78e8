import { compactVerify, errors, importJWK } from 'jose';
import { type LicencePublicJwk, licencePublicJwkSchema } from '../../../shared/api/devices';
import { LEASE_ALGORITHM, type LeasePayload, leasePayloadSchema } from '../../../shared/lease';

export type LeaseRefusal = 'signature' | 'expired' | 'malformed' | 'fingerprint';

export type LeaseVerification = { ok: true; lease: LeasePayload } | { ok: false; reason: LeaseRefusal };

export interface VerifyLeaseOptions {
  now: Date;
  /**
   * When given, the lease must name exactly this fingerprint. Note the fingerprint moves
   * when one part changes while the service still calls it the same machine; a caller
   * that sees `fingerprint` after a hardware change should send a heartbeat for a new lease.
   */
  expectedFingerprint?: string | undefined;
}

/** EdDSA, or its fully specified name; nothing else (no "none", no HMAC with the public key). */
const allowedAlgorithms = [LEASE_ALGORITHM, 'Ed25519'];

/**
 * Verifies a lease offline: the Ed25519 signature against the licence public key, the
 * payload's shape, the lease's own expiry and, optionally, the fingerprint. Checks run in
 * that order, so a forged or tampered lease is `signature` whatever it claims.
 *
 * The issue time is not checked against `now`: a clock running behind the service's
 * would refuse fresh leases. A clock set back can keep an expired lease alive; no offline
 * check can tell, and the heartbeat corrects it at the next contact.
 */
export async function verifyLease(
  jws: string,
  publicJwk: LicencePublicJwk,
  options: VerifyLeaseOptions,
): Promise<LeaseVerification> {
  const refuse = (reason: LeaseRefusal): LeaseVerification => ({ ok: false, reason });

  let key: Awaited<ReturnType<typeof importJWK>>;
  try {
    const jwk = licencePublicJwkSchema.parse(publicJwk);
    key = await importJWK({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, LEASE_ALGORITHM);
  } catch {
    return refuse('signature'); // nothing can be verified against an unusable key
  }

  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(jws.trim(), key, { algorithms: allowedAlgorithms }));
  } catch (error) {
    return refuse(error instanceof errors.JWSInvalid ? 'malformed' : 'signature');
  }

  let lease: LeasePayload;
  try {
    lease = leasePayloadSchema.parse(JSON.parse(new TextDecoder().decode(payload)));
  } catch {
    return refuse('malformed'); // genuinely signed, but not a lease we understand
  }

  if (options.now.getTime() >= Date.parse(lease.expiresAt)) return refuse('expired');
  if (options.expectedFingerprint !== undefined && lease.fingerprint !== options.expectedFingerprint) {
    return refuse('fingerprint');
  }
  return { ok: true, lease };
}
