import type { Device } from '../../../shared/api/devices';
import type { ThisComputerState } from '../../../shared/contract/this-computer';
import { type ErrorCode, isTransientFailure } from '../../../shared/errors';
import type { LeasePayload } from '../../../shared/lease';
import type { ThisDeviceRecord } from './this-computer-stores';

/** Everything this computer's state is made from. */
export interface ThisComputerFacts {
  /** Who is signed in, from the session; null once nobody is. */
  userId: string | null;
  /** What this computer last knew about its own device on that account. */
  record: ThisDeviceRecord | undefined;
  /** The stored lease, verified; null when there is none or it does not verify. */
  verified: LeasePayload | null;
  offline: boolean;
  licenceKeyChanged: boolean;
  /** The service said the subscription has ended (register or heartbeat). */
  subscriptionExpired: boolean;
  /** When the service last answered about this computer, when no record holds it. */
  checkedAt: string | null;
  suggestedName: string;
  /** The device the service said this computer no longer is (`DEVICE_MISMATCH`), until it registers again. */
  formerDevice?: Device | null;
}

/** The state the dashboard shows, from the facts alone. */
export function deriveThisComputerState(facts: ThisComputerFacts, now: Date): ThisComputerState {
  const { record, verified, userId } = facts;
  const base = {
    device: record?.device ?? null,
    protectedUntil: verified?.protectedUntil ?? null,
    leaseExpiresAt: verified?.expiresAt ?? null,
    lastCheckedAt: record?.lastCheckedAt ?? facts.checkedAt,
    removedAt: record?.removedAt ?? null,
    offline: facts.offline,
    licenceKeyChanged: facts.licenceKeyChanged,
    suggestedName: facts.suggestedName,
  };
  if (record?.removedAt) return { ...base, state: 'removed' };
  if (userId === null && verified === null) return { ...base, state: 'signedOut' };
  if (facts.subscriptionExpired) return { ...base, state: 'expired' };
  if (verified !== null) {
    return { ...base, state: Date.parse(verified.protectedUntil) <= now.getTime() ? 'expired' : 'protected' };
  }
  return { ...base, state: 'unregistered', ...(facts.formerDevice && { formerDevice: facts.formerDevice }) };
}

/** What a refused heartbeat means for this computer. */
export type HeartbeatRefusal = 'removed' | 'expired' | 'unknownDevice' | 'notThisDevice' | 'offline' | 'keyChanged' | 'unexpected';

export function heartbeatRefusal(code: ErrorCode | undefined): HeartbeatRefusal {
  if (code === 'DEVICE_DEACTIVATED') return 'removed';
  if (code === 'SUBSCRIPTION_EXPIRED') return 'expired';
  // The service has never heard of this device (its data was reset): nothing to keep.
  if (code === 'NOT_FOUND') return 'unknownDevice';
  // This machine no longer matches the device (by the half rule): it holds no seat of its own.
  if (code === 'DEVICE_MISMATCH') return 'notThisDevice';
  // Says nothing about this computer: the service was not reached, the last lease stands.
  if (isTransientFailure(code)) return 'offline';
  // Shown as state.licenceKeyChanged; the lease signed with the old key stands until it ends.
  if (code === 'LICENCE_KEY_CHANGED') return 'keyChanged';
  return 'unexpected';
}

/** `410 DEVICE_DEACTIVATED` may say when; otherwise now is when we learned it. */
export function removalTime(details: Record<string, unknown> | undefined, now: Date): string {
  const at = details?.deactivatedAt;
  return typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString() : now.toISOString();
}

/** The record once the service says the device was deactivated: no lease, and when. */
export function removedRecord(held: ThisDeviceRecord, removedAt: string, now: Date): ThisDeviceRecord {
  return {
    ...held,
    device: { ...held.device, status: 'deactivated' },
    lease: null,
    removedAt,
    lastCheckedAt: now.toISOString(),
  };
}
