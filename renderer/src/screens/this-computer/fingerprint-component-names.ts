import type { FingerprintComponentKind } from '../../../../shared/api/devices';
import type { MessageId } from '../../i18n/catalogues';

/** What each fingerprint component is, in words (the hash beside it is what is sent). */
export const componentKindNames: Record<FingerprintComponentKind, MessageId> = {
  hardwareUuid: 'thisComputer.shares.kind.hardwareUuid',
  baseboardSerial: 'thisComputer.shares.kind.baseboardSerial',
  diskSerial: 'thisComputer.shares.kind.diskSerial',
  mac: 'thisComputer.shares.kind.mac',
  osMachineId: 'thisComputer.shares.kind.osMachineId',
};
