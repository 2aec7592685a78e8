import { AppFailure } from '../../../shared/errors';
import type { LeasePayload } from '../../../shared/lease';
import type { LicenceApi } from '../api/licence-api';
import type { PinnedKeyStore } from '../licence';
import { type Logger, silentLogger } from '../log/logger';

export interface LeaseAcceptorOptions {
  licence: LicenceApi;
  pins: PinnedKeyStore;
  now: () => Date;
  logger?: Logger;
  /** Told when the service's key turns out different from the pinned one, or the same again. */
  onKeyChange?: (changed: boolean) => void;
}

export interface LeaseAcceptor {
  /** A lease just received: signed by the pinned key, for this device and this machine. Throws LEASE_INVALID otherwise. */
  accept(jws: string, expected: { deviceId: string; fingerprint: string }): Promise<LeasePayload>;
  /** A stored lease checked again (offline): null when it no longer verifies or names another device. */
  reverify(
    jws: string | null | undefined,
    expected: { deviceId: string | undefined; fingerprint: string | undefined },
  ): Promise<LeasePayload | null>;
  /** Whether the service last presented a key other than the pinned one. */
  keyChanged(): boolean;
}

/**
 * Trust on first use of the service's licence key, and every lease checked against it:
 * the one place that decides whether a lease counts.
 */
export function createLeaseAcceptor({
  licence,
  pins,
  now,
  logger = silentLogger,
  onKeyChange,
}: LeaseAcceptorOptions): LeaseAcceptor {
  let changed = false;
  const setChanged = (next: boolean) => {
    if (next === changed) return;
    changed = next;
    onKeyChange?.(next);
  };

  /** Pins the service's key, or learns that it changed (and says so). */
  async function pinServiceKey() {
    const accepted = await pins.accept(await licence.publicKey());
    if (!accepted.ok) {
      setChanged(true);
      throw new AppFailure(accepted.error);
    }
    setChanged(false);
  }

  return {
    async accept(jws, expected) {
      if (pins.pinned() === undefined) await pinServiceKey();
      let result = await pins.verify(jws, { now: now(), expectedFingerprint: expected.fingerprint });
      if (!result.ok && result.reason === 'signature') {
        // Forged, or signed with a new key: asking for the service's key tells which.
        await pinServiceKey();
        result = await pins.verify(jws, { now: now(), expectedFingerprint: expected.fingerprint });
      }
      if (result.ok && result.lease.deviceId !== expected.deviceId) result = { ok: false, reason: 'malformed' };
      if (!result.ok) {
        logger.warn('refused a lease from the service', { reason: result.reason });
        throw new AppFailure({
          code: 'LEASE_INVALID',
          message: 'The licence the account service sent for this computer could not be verified.',
          details: { reason: result.reason },
        });
      }
      setChanged(false);
      return result.lease;
    },
    async reverify(jws, expected) {
      if (!jws) return null;
      const result = await pins.verify(jws, { now: now(), expectedFingerprint: expected.fingerprint });
      if (!result.ok) logger.info('the stored lease does not verify', { reason: result.reason });
      return result.ok && result.lease.deviceId === expected.deviceId ? result.lease : null;
    },
    keyChanged: () => changed,
  };
}
