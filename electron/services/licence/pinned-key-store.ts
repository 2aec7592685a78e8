import { calculateJwkThumbprint } from 'jose';
import { z } from 'zod';
import { type LicencePublicJwk, licencePublicJwkSchema } from '../../../shared/api/devices';
import { type Result, fail, ok } from '../../../shared/errors';
import { type LeaseVerification, type VerifyLeaseOptions, verifyLease } from './verify-lease';

export const pinnedLicenceKeySchema = z.object({
  jwk: licencePublicJwkSchema,
  /** RFC 7638 SHA-256 thumbprint: compares key material, not JSON spelling. */
  thumbprint: z.string().min(1),
  pinnedAt: z.iso.datetime(),
});
export type PinnedLicenceKey = z.infer<typeof pinnedLicenceKeySchema>;

/** Where the pin survives restarts (the app store in Electron). */
export interface PinnedKeyStorage {
  get(): PinnedLicenceKey | undefined;
  set(value: PinnedLicenceKey): void;
  clear(): void;
}

const thumbprintOf = (jwk: LicencePublicJwk) =>
  calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256');

/**
 * Trust on first use for the licence public key. The first key the service presents is
 * pinned; afterwards only that key verifies leases, so a service (or a man in the middle)
 * that starts signing with another key cannot extend protection. A different key is
 * refused with LICENCE_KEY_CHANGED and the pin is left as it was; only `forget()` (an
 * explicit user or support action) lets a new key be pinned.
 */
export class PinnedKeyStore {
  private readonly storage: PinnedKeyStorage;
  private readonly now: () => Date;

  constructor(storage: PinnedKeyStorage, options: { now?: () => Date } = {}) {
    this.storage = storage;
    this.now = options.now ?? (() => new Date());
  }

  /** The pinned key, or undefined when none is (or the stored one is damaged). */
  pinned(): PinnedLicenceKey | undefined {
    const parsed = pinnedLicenceKeySchema.safeParse(this.storage.get());
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * Pins `offered` if nothing is pinned yet; accepts it if it is the pinned key; refuses
   * any other key. Returns the key to verify leases with.
   */
  async accept(offered: LicencePublicJwk): Promise<Result<LicencePublicJwk>> {
    const jwk = licencePublicJwkSchema.parse(offered);
    const thumbprint = await thumbprintOf(jwk);
    const pinned = this.pinned();
    if (pinned === undefined) {
      this.storage.set({
        jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
        thumbprint,
        pinnedAt: this.now().toISOString(),
      });
      return ok(jwk);
    }
    if (pinned.thumbprint === thumbprint && pinned.jwk.x === jwk.x) return ok(pinned.jwk);
    return fail({
      code: 'LICENCE_KEY_CHANGED',
      message:
        'The licence service signed with a different key than the one this computer trusts, so its licences are not accepted.',
      details: { pinnedThumbprint: pinned.thumbprint, offeredThumbprint: thumbprint, pinnedAt: pinned.pinnedAt },
    });
  }

  /** Verifies a lease against the pinned key; with no key pinned, nothing verifies. */
  async verify(jws: string, options: VerifyLeaseOptions): Promise<LeaseVerification> {
    const pinned = this.pinned();
    return pinned === undefined ? { ok: false, reason: 'signature' } : verifyLease(jws, pinned.jwk, options);
  }

  /** Drops the pin so the next key offered is trusted. Only on an explicit request. */
  forget(): void {
    this.storage.clear();
  }
}
