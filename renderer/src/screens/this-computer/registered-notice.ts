import { useCallback } from 'react';
import { useT } from '../../i18n/use-t';
import { useDates } from '../../lib/dates';
import type { Registered } from './RegisterPanel';

/** What to announce once this computer has a seat: moved here from another device, or protected until when. */
export function useRegisteredNotice(): (registered: Registered) => string {
  const t = useT();
  const { formatDate } = useDates();
  return useCallback(
    ({ state, movedFrom }: Registered) => {
      if (movedFrom) return t('thisComputer.registered.moved', { from: movedFrom.name });
      return state.protectedUntil
        ? t('thisComputer.registered.until', { date: formatDate(state.protectedUntil) })
        : t('thisComputer.registered.plain');
    },
    [t, formatDate],
  );
}
