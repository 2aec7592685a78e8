import { useCallback } from 'react';
import { DEVICE_NAME_MAX_LENGTH, deviceNameSchema } from '../../../../shared/api/devices';
import { useT } from '../../i18n/use-t';

/**
 * Why a device name cannot be saved, as a sentence; null when it can. The schema decides,
 * the sentence says which of its rules the name broke.
 */
export function useDeviceNameProblem(): (name: string) => string | null {
  const t = useT();
  return useCallback(
    (name: string) => {
      if (deviceNameSchema.safeParse(name).success) return null;
      const trimmed = name.trim();
      if (trimmed === '') return t('devices.name.missing');
      if ([...trimmed].length > DEVICE_NAME_MAX_LENGTH)
        return t('devices.name.tooLong', { max: DEVICE_NAME_MAX_LENGTH });
      return t('devices.name.controlCharacters');
    },
    [t],
  );
}
