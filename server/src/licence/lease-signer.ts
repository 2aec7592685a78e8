import { type KeyObject, sign as signBytes } from 'node:crypto';
import { join } from 'node:path';
import { exportJWK } from 'jose';
import type { LicencePublicJwk } from '../../../shared/api/devices';
import { LEASE_ALGORITHM, type LeasePayload } from '../../../shared/lease';
import type { PlanId } from '../../../shared/plans';
import { loadOrCreateSigningKey, type SigningKey } from '../identity/signing-key';
import { leaseExpiry } from './lease-term';

/** What a lease is about: one active device on one subscription. */
export interface LeaseSubject {
  deviceId: string;
  /** When the device registered: a new device gets shorter leases (lease-term.ts). */
  deviceRegisteredAt: Date;
  subscriptionId: string;
  /** The fingerprint as the client computes it (the stored one is keyed). */
  fingerprint: string;
  plan: PlanId;
  /** The subscription's expiry. */
  protectedUntil: Date;
}

/**
 * Signs licence leases (compact JWS, EdDSA) with the licence key kept in
 * KEYS_DIR/licence-signing.jwk. It is a key of its own, not the access-token key:
 * clients pin it for years, while the access-token key can be replaced at will.
 */
export class LeaseSigner {
  private readonly privateKey: KeyObject;
  private readonly encodedHeader: string;

  private constructor(
    key: SigningKey,
    readonly publicJwk: LicencePublicJwk,
  ) {
    this.privateKey = key.privateKeyObject;
    this.encodedHeader = base64url(JSON.stringify({ alg: LEASE_ALGORITHM, kid: key.kid, typ: 'palisade-lease+jws' }));
  }

  static async load(keysDir: string): Promise<LeaseSigner> {
    const key = await loadOrCreateSigningKey(join(keysDir, 'licence-signing.jwk'));
    const { kty, crv, x } = await exportJWK(key.publicKey);
    if (kty !== 'OKP' || crv !== 'Ed25519' || !x) throw new Error('The licence signing key is not an Ed25519 key.');
    return new LeaseSigner(key, { kty: 'OKP', crv: 'Ed25519', x });
  }

  /**
   * A lease that lasts 7 or 14 days from `now` (lease-term.ts); a heartbeat gets the next one. A compact
   * JWS as jose's CompactSign makes it, signed with node:crypto in place: WebCrypto goes
   * through the thread pool and costs milliseconds per lease inside the registration
   * transaction. Leases are verified with jose, by the desktop and the tests.
   */
  sign(subject: LeaseSubject, now: Date): string {
    const payload: LeasePayload = {
      deviceId: subject.deviceId,
      subscriptionId: subject.subscriptionId,
      fingerprint: subject.fingerprint,
      plan: subject.plan,
      protectedUntil: subject.protectedUntil.toISOString(),
      issuedAt: now.toISOString(),
      expiresAt: leaseExpiry(subject.deviceRegisteredAt, now).toISOString(),
    };
    const signingInput = `${this.encodedHeader}.${base64url(JSON.stringify(payload))}`;
    return `${signingInput}.${signBytes(null, Buffer.from(signingInput), this.privateKey).toString('base64url')}`;
  }
}

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
