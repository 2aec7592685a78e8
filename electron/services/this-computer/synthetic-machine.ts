import { createHash } from 'node:crypto';
import type { DeviceFingerprint } from '../../../shared/api/devices';
import { hashComponents, type RawComponent } from '../fingerprint';

/**
 * A made-up computer, for `--machine-seed` / PALISADE_MACHINE_SEED of the browser host.
 *
 * Two browser hosts on one machine read the same hardware, so the account service would
 * rightly call them one device. End-to-end tests and demos need two computers; a seed
 * gives each host its own stable set of components (a hardware UUID, serials, a MAC and
 * an OS id) derived from the seed instead of read from the OS. The same seed always
 * makes the same machine; the components then go through the same hashing as real ones.
 * Never used unless asked for.
 */
export function syntheticComponents(seed: string): RawComponent[] {
  if (seed.trim() === '') throw new RangeError('A machine seed must not be empty.');
  const hex = (kind: string) => createHash('sha256').update(`palisade synthetic machine\0${kind}\0${seed}`).digest('hex');
  const uuid = hex('hardwareUuid');
  // 0x02: a locally administered unicast address, as no real network card has.
  const mac = ['02', ...(hex('mac').slice(0, 10).match(/../g) ?? [])].join(':');
  return [
    { kind: 'hardwareUuid', value: `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20, 32)}` },
    { kind: 'baseboardSerial', value: `synthetic-${hex('baseboardSerial').slice(0, 12)}` },
    { kind: 'diskSerial', value: `synthetic-${hex('diskSerial').slice(0, 16)}` },
    { kind: 'mac', value: mac },
    { kind: 'osMachineId', value: hex('osMachineId').slice(0, 32) },
  ];
}

export function syntheticFingerprint(seed: string): DeviceFingerprint {
  return hashComponents(syntheticComponents(seed));
}
