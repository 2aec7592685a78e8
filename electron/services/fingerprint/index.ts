import si from 'systeminformation';
import type { DeviceFingerprint } from '../../../shared/api/devices';
import { FINGERPRINT_APP_KEY, hashComponents } from './hash-components';
import { type FingerprintWatch, type SystemInfoSource, readRawComponents } from './raw-components';

export { FINGERPRINT_APP_KEY, NoFingerprintComponentsError, fingerprintOf, hashComponents } from './hash-components';
export { isPlaceholder } from './placeholders';
export { normalizeMac, physicalMacs, type NetworkInterfaceInfo } from './physical-macs';
export { readRawComponents, type FingerprintWatch, type RawComponent, type SystemInfoSource } from './raw-components';
export {
  FingerprintService,
  cachedFingerprintSchema,
  type CachedFingerprint,
  type FingerprintCache,
  type FingerprintServiceOptions,
} from './fingerprint-service';

/** Reads this computer's components with systeminformation and hashes them. */
export async function computeFingerprint(
  source: SystemInfoSource = si,
  key: string = FINGERPRINT_APP_KEY,
  watch?: FingerprintWatch,
): Promise<DeviceFingerprint> {
  return hashComponents(await readRawComponents(source, watch), key);
}

/** This computer's fingerprint, read from its own hardware. */
export const readFingerprint = (watch?: FingerprintWatch): Promise<DeviceFingerprint> => computeFingerprint(si, FINGERPRINT_APP_KEY, watch);
