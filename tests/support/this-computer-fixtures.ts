import type { ThisComputerState } from '../../shared/contract/this-computer';

/** This computer holding no seat, as a fresh install reports it: signed out, or signed in and unregistered. */
export function computerWithoutDevice(state: 'signedOut' | 'unregistered', suggestedName: string): ThisComputerState {
  return {
    state,
    device: null,
    protectedUntil: null,
    leaseExpiresAt: null,
    lastCheckedAt: null,
    removedAt: null,
    offline: false,
    licenceKeyChanged: false,
    suggestedName,
  };
}
