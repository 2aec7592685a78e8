import { createIntl } from 'react-intl';
import { beforeEach } from 'vitest';
import type { Device, DevicePlatform } from '../../../../shared/api/devices';
import type { Subscription } from '../../../../shared/api/subscriptions';
import type { ThisComputerState } from '../../../../shared/contract/this-computer';
import { formatDate, formatDateTime } from '../../../../renderer/src/lib/dates';
import { useProtectionStore } from '../../../../renderer/src/stores/protection-store';
import { unregisteredComputer } from '../support/fake-api';

/** Fixtures for the subscriptions, this computer and devices screens, dated relative to now so "days left" stays true. */

const DAY = 24 * 60 * 60 * 1000;
export const daysFromNow = (days: number): string => new Date(Date.now() + days * DAY).toISOString();

export function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 'sub-family',
    plan: 'family',
    planName: 'Palisade Family',
    seats: 5,
    seatsUsed: 3,
    status: 'active',
    startsAt: daysFromNow(-100),
    expiresAt: daysFromNow(265),
    autoRenew: false,
    paymentMethodId: null,
    renewsAt: null,
    renewal: null,
    termYears: 1,
    ...overrides,
  };
}

let serial = 0;
export function device(name: string, overrides: Partial<Device> = {}): Device {
  serial++;
  const platform: DevicePlatform = overrides.platform ?? 'windows';
  return {
    id: `dev-${serial}`,
    name,
    os: platform === 'macos' ? 'macOS 15.1' : 'Windows 11 Pro',
    platform,
    subscriptionId: 'sub-family',
    status: 'active',
    registeredAt: daysFromNow(-90),
    lastSeenAt: daysFromNow(-1),
    ...overrides,
  };
}

export const unregistered: ThisComputerState = { ...unregisteredComputer };

export function protectedState(thisDevice: Device, overrides: Partial<ThisComputerState> = {}): ThisComputerState {
  return {
    ...unregisteredComputer,
    state: 'protected',
    device: thisDevice,
    protectedUntil: daysFromNow(265),
    leaseExpiresAt: daysFromNow(14),
    lastCheckedAt: daysFromNow(-0.01),
    ...overrides,
  };
}

/** The protection store is a module singleton: each test starts empty. */
export function resetProtectionStoreBeforeEach() {
  beforeEach(() => useProtectionStore.setState(useProtectionStore.getInitialState(), true));
}

/** Dates as the English app writes them, to find them on screen. */
const english = createIntl({ locale: 'en' });
export const englishDate = (iso: string): string => formatDate(english, iso);
export const englishDateTime = (iso: string): string => formatDateTime(english, iso);
