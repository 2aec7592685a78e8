import type { FingerprintComponentKind } from '../../../../shared/api/devices';

/** What each fingerprint component is, in words (the hash beside it is what is sent). */
export const componentKindNames: Record<FingerprintComponentKind, string> = {
  hardwareUuid: 'Hardware ID of the computer',
  baseboardSerial: 'Motherboard serial number',
  diskSerial: 'Main disk serial number',
  mac: 'Network adapter address (MAC)',
  osMachineId: 'Operating system installation ID',
};
