import { useEffect } from 'react';
import { useApi } from '../../../api/api-context';

/**
 * Calls `onChange` when support answered or changed a ticket (`tickets.changed`, from the
 * account's events): any of them, or only `ticketId`'s. `onChange` should be stable (a useCallback).
 */
export function useTicketsChanged(onChange: (ticketId: string) => void, ticketId?: string) {
  const api = useApi();
  useEffect(
    () =>
      api.on('tickets.changed', (payload) => {
        if (ticketId === undefined || payload.ticketId === ticketId) onChange(payload.ticketId);
      }),
    [api, onChange, ticketId],
  );
}
