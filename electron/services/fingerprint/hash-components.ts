import { createHash, createHmac } from 'node:crypto';
import {
  type DeviceFingerprint,
  type FingerprintComponent,
  fingerprintComponentKinds,
} from '../../../shared/api/devices';
import type { RawComponent } from './raw-components';

/**
 * The app key for component hashes. It ships inside the app, so it is not a secret; what
 * it buys is separation: a hash means something only to Palisade, so it cannot be looked
 * up in, or joined with, another vendor's list of hashed serials, and nobody can confirm a
 * serial number by running plain SHA-256 over it. Changing it makes every machine a new
 * device on the account service, so it never changes.
 */
export const FINGERPRINT_APP_KEY = '5NE6x4mR1lD2yYak3Ejf95jE1bx9cgAZnvuowdV05Vg';

export class NoFingerprintComponentsError extends Error {
  constructor() {
    super('This computer reported nothing that identifies it (no machine id, serial or network address).');
    this.name = 'NoFingerprintComponentsError';
  }
}

/** SHA-256, lower-case hex, of the sorted component hashes concatenated. */
export function fingerprintOf(hashes: readonly string[]): string {
  return createHash('sha256')
    .update([...new Set(hashes)].sort().join(''))
    .digest('hex');
}

const kindOrder = (kind: FingerprintComponent['kind']) => fingerprintComponentKinds.indexOf(kind);

/**
 * HMAC-SHA256 of each component under the app key, with the kind mixed in so that the
 * same string under two kinds gives two hashes. The raw values go no further than here.
 */
export function hashComponents(raw: readonly RawComponent[], key: string = FINGERPRINT_APP_KEY): DeviceFingerprint {
  if (raw.length === 0) throw new NoFingerprintComponentsError();
  const byHash = new Map<string, FingerprintComponent>();
  for (const { kind, value } of raw) {
    const hash = createHmac('sha256', key).update(`${kind}\0${value}`).digest('hex');
    byHash.set(hash, { kind, hash });
  }
  const components = [...byHash.values()].sort(
    (a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.hash.localeCompare(b.hash),
  );
  return { fingerprint: fingerprintOf(components.map((c) => c.hash)), components };
}
