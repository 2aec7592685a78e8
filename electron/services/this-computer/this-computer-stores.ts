import { z } from 'zod';
import { deviceSchema } from '../../../shared/api/devices';
import { isoTimeSchema } from '../../../shared/api/subscriptions';
import { type CachedFingerprint, type FingerprintCache, cachedFingerprintSchema } from '../fingerprint';
import type { PinnedKeyStorage, PinnedLicenceKey } from '../licence';
import type { KeyValueStore } from '../storage/key-value-store';

/** Machine-wide: the fingerprint does not depend on who is signed in. */
export function fingerprintCache(store: KeyValueStore): FingerprintCache {
  const key = 'fingerprint';
  return {
    get: () => {
      const parsed = cachedFingerprintSchema.safeParse(store.get(key));
      return parsed.success ? parsed.data : undefined;
    },
    set: (value: CachedFingerprint) => store.set(key, value),
  };
}

/**
 * One pin per account service origin: a different service legitimately signs with a
 * different key, while the same service changing its key is what the pin catches.
 */
export function pinnedKeyStorage(store: KeyValueStore, serviceUrl: string): PinnedKeyStorage {
  const key = `licencePin:${new URL(serviceUrl).origin}`;
  return {
    get: () => store.get(key) as PinnedLicenceKey | undefined, // PinnedKeyStore validates what it reads
    set: (value) => store.set(key, value),
    clear: () => store.delete(key),
  };
}

/**
 * What this computer last knew about its own device, for one account: the device and
 * either its last lease (registered) or when it was removed. Kept so that "protected
 * until" and "removed on <date>" survive a restart and a lost network.
 */
export const thisDeviceRecordSchema = z.object({
  userId: z.string().min(1),
  device: deviceSchema,
  lease: z.string().min(1).nullable(),
  removedAt: isoTimeSchema.nullable(),
  lastCheckedAt: isoTimeSchema.nullable(),
});
export type ThisDeviceRecord = z.infer<typeof thisDeviceRecordSchema>;
const storedRecordSchema = thisDeviceRecordSchema.extend({ serviceOrigin: z.string() });

export interface ThisDeviceRecordStore {
  get(): ThisDeviceRecord | undefined;
  set(record: ThisDeviceRecord): void;
  clear(): void;
}

export function thisDeviceRecordStore(store: KeyValueStore, serviceUrl: string): ThisDeviceRecordStore {
  const key = 'thisDevice';
  const origin = new URL(serviceUrl).origin;
  return {
    get: () => {
      const parsed = storedRecordSchema.safeParse(store.get(key));
      // A record from another service names a device id that means nothing here.
      if (!parsed.success || parsed.data.serviceOrigin !== origin) return undefined;
      const { serviceOrigin: _origin, ...record } = parsed.data;
      return record;
    },
    set: (record) => store.set(key, { ...record, serviceOrigin: origin }),
    clear: () => store.delete(key),
  };
}
