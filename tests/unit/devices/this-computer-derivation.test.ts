import { describe, expect, it } from 'vitest';
import {
  deriveThisComputerState,
  heartbeatRefusal,
  removalTime,
  removedRecord,
  type ThisComputerFacts,
} from '../../../electron/services/this-computer/this-computer-state';
import type { ThisDeviceRecord } from '../../../electron/services/this-computer/this-computer-stores';
import { leasePayload, NOW } from '../licence/lease-keys';
import { device } from './support/device-service';

const record = (overrides: Partial<ThisDeviceRecord> = {}): ThisDeviceRecord => ({
  userId: 'u1',
  device: device(),
  lease: 'a.stored.lease',
  removedAt: null,
  lastCheckedAt: NOW.toISOString(),
  ...overrides,
});

const facts = (overrides: Partial<ThisComputerFacts> = {}): ThisComputerFacts => ({
  userId: 'u1',
  record: undefined,
  verified: null,
  offline: false,
  licenceKeyChanged: false,
  subscriptionExpired: false,
  checkedAt: null,
  suggestedName: 'anna-laptop',
  ...overrides,
});

const stateOf = (overrides: Partial<ThisComputerFacts>, now = NOW) =>
  deriveThisComputerState(facts(overrides), now).state;

describe('this computer’s state, from its facts alone', () => {
  it('is signed out when nobody is and no lease verifies, unregistered when signed in without one', () => {
    expect(stateOf({ userId: null })).toBe('signedOut');
    expect(stateOf({})).toBe('unregistered');
    expect(deriveThisComputerState(facts(), NOW)).toEqual({
      state: 'unregistered',
      device: null,
      protectedUntil: null,
      leaseExpiresAt: null,
      lastCheckedAt: null,
      removedAt: null,
      offline: false,
      licenceKeyChanged: false,
      suggestedName: 'anna-laptop',
    });
  });

  it('is protected by a verified lease until its protectedUntil, also signed out and offline', () => {
    const lease = leasePayload();
    const state = deriveThisComputerState(
      facts({ record: record(), verified: lease, userId: null, offline: true }),
      NOW,
    );
    expect(state).toMatchObject({
      state: 'protected',
      device: { id: 'dev_1' },
      protectedUntil: lease.protectedUntil,
      leaseExpiresAt: lease.expiresAt,
      lastCheckedAt: NOW.toISOString(),
      offline: true,
    });
    expect(stateOf({ record: record(), verified: lease }, new Date(lease.protectedUntil))).toBe('expired');
  });

  it('shows a removal before anything else, and an ended subscription before a lease', () => {
    const removed = record({ removedAt: NOW.toISOString(), lease: null });
    expect(stateOf({ record: removed, subscriptionExpired: true, userId: null })).toBe('removed');
    expect(stateOf({ record: record(), verified: leasePayload(), subscriptionExpired: true })).toBe('expired');
  });

  it('says when the service last answered, from the record or, without one, from the facts', () => {
    const at = '2025-05-30T08:00:00.000Z';
    expect(deriveThisComputerState(facts({ checkedAt: at }), NOW).lastCheckedAt).toBe(at);
    expect(deriveThisComputerState(facts({ checkedAt: at, record: record() }), NOW).lastCheckedAt).toBe(
      NOW.toISOString(),
    );
  });
});

describe('what a refused heartbeat means', () => {
  it.each([
    ['DEVICE_DEACTIVATED', 'removed'],
    ['SUBSCRIPTION_EXPIRED', 'expired'],
    ['NOT_FOUND', 'unknownDevice'],
    ['NETWORK_OFFLINE', 'offline'],
    ['TIMEOUT', 'offline'],
    ['INTERNAL', 'offline'],
    ['LICENCE_KEY_CHANGED', 'keyChanged'],
    ['LEASE_INVALID', 'unexpected'],
    [undefined, 'unexpected'],
  ] as const)('%s → %s', (code, meaning) => {
    expect(heartbeatRefusal(code)).toBe(meaning);
  });

  it('takes the removal time from the service when it says one, else now', () => {
    expect(removalTime({ deactivatedAt: '2025-05-01T10:00:00Z' }, NOW)).toBe('2025-05-01T10:00:00.000Z');
    expect(removalTime({ deactivatedAt: 'yesterday' }, NOW)).toBe(NOW.toISOString());
    expect(removalTime(undefined, NOW)).toBe(NOW.toISOString());
  });

  it('a removed record keeps the device, deactivated, without its lease', () => {
    expect(removedRecord(record(), '2025-05-01T10:00:00.000Z', NOW)).toEqual({
      ...record(),
      device: { ...device(), status: 'deactivated' },
      lease: null,
      removedAt: '2025-05-01T10:00:00.000Z',
      lastCheckedAt: NOW.toISOString(),
    });
  });
});
