import { calculateJwkThumbprint } from 'jose';
import { z } from 'zod';
import { type LicencePublicJwk, licencePublicJwkSchema } from '../../../shared/api/devices';
import { type Result, fail, ok } from '../../../shared/errors';
import { LONGEST_LEASE_DAYS } from '../../../shared/lease';
import { peekRotation, verifyRotation } from './key-rotation';
import { type LeaseVerification, type VerifyLeaseOptions, verifyLease } from './verify-lease';

const DAY_MS = 24 * 60 * 60 * 1000;

const retiredLicenceKeySchema = z.object({
  jwk: licencePublicJwkSchema,
  thumbprint: z.string().min(1),
  /** The rotation's `validFrom`: this key vouches only for leases issued before it. */
  until: z.iso.datetime(),
});
export type RetiredLicenceKey = z.infer<typeof retiredLicenceKeySchema>;

export const pinnedLicenceKeySchema = z.object({
  jwk: licencePublicJwkSchema,
  /** RFC 7638 SHA-256 thumbprint: compares key material, not JSON spelling. */
  thumbprint: z.string().min(1),
  pinnedAt: z.iso.datetime(),
  /** How many signed rotations lead to this key (0: the first key). Pins from before rotations had none. */
  generation: z.number().int().min(0).default(0),
  /** Keys followed away from, newest last, while leases they signed may still be valid. */
  retired: z.array(retiredLicenceKeySchema).max(100).default([]),
});
export type PinnedLicenceKey = z.input<typeof pinnedLicenceKeySchema>;
type Pin = z.output<typeof pinnedLicenceKeySchema>;

/** What the service presents: its key, and the rotation statements that lead to it. */
export interface LicenceKeyOffer {
  jwk: LicencePublicJwk;
  rotations?: readonly string[] | undefined;
}

/** Where the pin survives restarts (the app store in Electron). */
export interface PinnedKeyStorage {
  get(): PinnedLicenceKey | undefined;
  set(value: PinnedLicenceKey): void;
  clear(): void;
}

const thumbprintOf = (jwk: LicencePublicJwk) =>
  calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }, 'sha256');

const bare = (jwk: LicencePublicJwk): LicencePublicJwk => ({ kty: jwk.kty, crv: jwk.crv, x: jwk.x });

/**
 * Trust on first use for the licence public key. The first key the service presents is
 * pinned; afterwards only that key verifies leases, so a service (or a man in the middle)
 * that starts signing with another key cannot extend protection. The pin moves only
 * along signed rotations (docs/key-rotation.md): statement n+1, signed by the pinned key,
 * naming it as `previous`, moves the pin to its `next`, one step at a time. Any other
 * key is refused with LICENCE_KEY_CHANGED and the pin is left as it was; `forget()` (an
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
  pinned(): Pin | undefined {
    const parsed = pinnedLicenceKeySchema.safeParse(this.storage.get());
    return parsed.success ? parsed.data : undefined;
  }

  /**
   * Pins the offered key if nothing is pinned yet; follows the signed rotations from the
   * pinned key; then accepts the offered key if it is the pinned one (or one just followed
   * away from, which the service may still sign with until the new key takes over) and
   * refuses any other. Returns the key to verify leases with.
   */
  async accept(offered: LicencePublicJwk | LicenceKeyOffer): Promise<Result<LicencePublicJwk>> {
    const offer = 'jwk' in offered ? offered : { jwk: offered, rotations: [] };
    const jwk = bare(licencePublicJwkSchema.parse(offer.jwk));
    const thumbprint = await thumbprintOf(jwk);
    const statements = [...(offer.rotations ?? [])];
    const now = this.now();

    let pin = this.pinned();
    const stored = pin;
    if (pin === undefined) {
      // First use: the offered key is trusted, at the place in the chain its statement gives.
      const placed = statements.map(peekRotation).find((r) => r !== undefined && r.next.x === jwk.x);
      pin = { jwk, thumbprint, pinnedAt: now.toISOString(), generation: placed?.sequence ?? 0, retired: [] };
    }

    // Follow statement generation+1, then +2, …, each checked against the key before it.
    for (;;) {
      const next = pin.generation + 1;
      const candidates = statements.filter((s) => peekRotation(s)?.sequence === next);
      if (candidates.length === 0) break;
      let followed = false;
      for (const statement of candidates) {
        const checked = await verifyRotation(statement, pin);
        if (!checked.ok) continue;
        const { rotation } = checked;
        pin = {
          jwk: bare(rotation.next),
          thumbprint: await thumbprintOf(rotation.next),
          pinnedAt: now.toISOString(),
          generation: rotation.sequence,
          retired: [...pin.retired, { jwk: pin.jwk, thumbprint: pin.thumbprint, until: rotation.validFrom }].filter(
            // A retired key matters while a lease it signed can still be valid.
            (r) => Date.parse(r.until) + LONGEST_LEASE_DAYS * DAY_MS > now.getTime(),
          ),
        };
        followed = true;
        break;
      }
      if (!followed) break; // a statement the pinned key did not sign: not followed, whatever it says
    }

    if (pin !== stored) this.storage.set(pin);
    if (pin.thumbprint === thumbprint && pin.jwk.x === jwk.x) return ok(pin.jwk);
    // The service may sign with the key just followed away from until `until`.
    if (pin.retired.some((r) => r.thumbprint === thumbprint && r.jwk.x === jwk.x && Date.parse(r.until) > now.getTime())) {
      return ok(pin.jwk);
    }
    return fail({
      code: 'LICENCE_KEY_CHANGED',
      message:
        'The licence service signed with a different key than the one this computer trusts, so its licences are not accepted.',
      details: { pinnedThumbprint: pin.thumbprint, offeredThumbprint: thumbprint, pinnedAt: pin.pinnedAt },
    });
  }

  /**
   * Verifies a lease against the pinned key; with no key pinned, nothing verifies. A lease
   * signed by a key followed away from counts only if it was issued before that key's
   * `until` and ends within the longest lease after it: a retired key (perhaps leaked)
   * cannot vouch for anything new.
   */
  async verify(jws: string, options: VerifyLeaseOptions): Promise<LeaseVerification> {
    const pin = this.pinned();
    if (pin === undefined) return { ok: false, reason: 'signature' };
    const result = await verifyLease(jws, pin.jwk, options);
    if (result.ok || result.reason !== 'signature') return result;
    for (const retired of [...pin.retired].reverse()) {
      const old = await verifyLease(jws, retired.jwk, options);
      if (!old.ok && old.reason === 'signature') continue;
      if (!old.ok) return old;
      const until = Date.parse(retired.until);
      const inTime =
        Date.parse(old.lease.issuedAt) < until && Date.parse(old.lease.expiresAt) <= until + LONGEST_LEASE_DAYS * DAY_MS;
      return inTime ? old : { ok: false, reason: 'signature' };
    }
    return result;
  }

  /** Drops the pin so the next key offered is trusted. Only on an explicit request. */
  forget(): void {
    this.storage.clear();
  }
}
