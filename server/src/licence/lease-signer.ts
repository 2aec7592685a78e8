import { sign as signBytes } from 'node:crypto';
import type { LicencePublicJwk } from '../../../shared/api/devices';
import { LEASE_ALGORITHM, type LeasePayload } from '../../../shared/lease';
import type { PlanId } from '../../../shared/plans';
import type { SigningKey } from '../identity/signing-key';
import { ensureFirstLicenceKey, generationAt, licenceFolderStamp, type LicenceKeyChain, readLicenceKeyChain } from './licence-keys';
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

/** At most one look at the key folder a second, on use. */
const CHECK_INTERVAL_MS = 1000;

/**
 * Signs licence leases (compact JWS, EdDSA) with the licence key of the key folder
 * (KEYS_DIR/licence-signing*.jwk). It is a key of its own, not the access-token key:
 * clients pin it for years. It can be rotated (`keys rotate --licence`): the new key is
 * announced by a statement signed with the old one, and takes over at the statement's
 * `validFrom`; every instance sees the statement in the folder within a second.
 */
export class LeaseSigner {
  private chain: LicenceKeyChain;
  private stamp: string;
  private lastCheck: number;
  private readonly headers = new Map<string, string>();

  private constructor(
    private readonly keysDir: string,
    private readonly clock: () => number,
  ) {
    this.stamp = licenceFolderStamp(keysDir);
    this.chain = readLicenceKeyChain(keysDir);
    this.lastCheck = clock();
    this.keyAt(new Date()); // a folder that cannot sign stops the start, not the first registration
  }

  static async load(keysDir: string, options: { clock?: () => number } = {}): Promise<LeaseSigner> {
    await ensureFirstLicenceKey(keysDir);
    return new LeaseSigner(keysDir, options.clock ?? (() => performance.now()));
  }

  /** What `GET /v1/licence/public-key` answers at `now`: the key that signs now, and the statements that lead to it. */
  published(now: Date): { jwk: LicencePublicJwk; rotations: string[] } {
    this.refreshIfDue();
    return { jwk: { ...this.keyAt(now).publicJwk }, rotations: this.chain.rotations.map((r) => r.jws) };
  }

  private keyAt(now: Date): SigningKey {
    const generation = generationAt(this.chain, now);
    const key = this.chain.keys.get(generation);
    if (!key) throw new Error(`The licence key of generation ${generation} is not in ${this.keysDir}.`);
    return key;
  }

  private refreshIfDue(): void {
    const at = this.clock();
    if (at - this.lastCheck < CHECK_INTERVAL_MS) return;
    this.lastCheck = at;
    try {
      const stamp = licenceFolderStamp(this.keysDir);
      if (stamp === this.stamp) return;
      this.chain = readLicenceKeyChain(this.keysDir);
      this.stamp = stamp;
    } catch {
      // Caught mid-change (a key landed, its statement not yet): keep the chain already held.
    }
  }

  private headerFor(key: SigningKey): string {
    let header = this.headers.get(key.kid);
    if (header === undefined) {
      header = base64url(JSON.stringify({ alg: LEASE_ALGORITHM, kid: key.kid, typ: 'palisade-lease+jws' }));
      this.headers.set(key.kid, header);
    }
    return header;
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
    this.refreshIfDue();
    const key = this.keyAt(now);
    const signingInput = `${this.headerFor(key)}.${base64url(JSON.stringify(payload))}`;
    return `${signingInput}.${signBytes(null, Buffer.from(signingInput), key.privateKeyObject).toString('base64url')}`;
  }
}

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
