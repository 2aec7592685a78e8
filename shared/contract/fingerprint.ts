import { none, operation } from './define';

/**
 * Reading this computer's fingerprint again, on request: `done` and `total` count the
 * system sources read (hardware id, board, disk, network, OS id).
 */
export const fingerprintRefresh = operation('fingerprint', none);

export const fingerprintContract = {
  fingerprint: { ...fingerprintRefresh.calls },
} as const;

export const fingerprintEvents = { ...fingerprintRefresh.events } as const;
