import { describe, expect, it } from 'vitest';
import type { Subscription } from '../../../shared/api/subscriptions';
import { renewalState } from '../../../renderer/src/screens/billing/renewal-state';

const now = new Date('2027-02-20T12:00:00Z');
const base: Subscription = {
  id: 'sub-1',
  plan: 'family',
  planName: 'Palisade Family',
  seats: 5,
  seatsUsed: 1,
  status: 'expiring',
  startsAt: '2026-03-03T09:00:00.000Z',
  expiresAt: '2027-03-03T09:00:00.000Z',
  autoRenew: true,
  paymentMethodId: 'pm-1',
  renewsAt: '2027-02-24T09:00:00.000Z',
  termYears: 1,
  renewal: {
    at: '2027-02-24T09:00:00.000Z',
    termYears: 1,
    amount: 5999,
    currency: 'EUR',
    paymentMethod: { id: 'pm-1', brand: 'visa', last4: '4242' },
  },
};

describe('which sentence says the renewal state', () => {
  it('renews on the expiry with the card, and says the coming charge', () => {
    expect(renewalState(base, now)).toEqual({
      kind: 'renewsWith',
      date: base.expiresAt,
      card: { brand: 'visa', last4: '4242' },
      charge: { at: '2027-02-24T09:00:00.000Z', amount: 5999, currency: 'EUR' },
    });
  });

  it('ends on the expiry when automatic renewal is off', () => {
    expect(renewalState({ ...base, autoRenew: false, renewal: null, renewsAt: null }, now)).toEqual({
      kind: 'ends',
      date: base.expiresAt,
    });
  });

  it('ended, once the expiry has passed, whatever renewal says', () => {
    expect(renewalState({ ...base, status: 'expired' }, now).kind).toBe('ended');
    expect(renewalState(base, new Date('2027-03-04T00:00:00Z')).kind).toBe('ended');
  });

  it('says a declined automatic charge, with the card and when, before anything else', () => {
    const declined = {
      ...base,
      renewal: { ...base.renewal!, lastDecline: { at: '2027-02-24T09:00:00.000Z', reason: 'card_declined' as const } },
    };
    expect(renewalState(declined, now)).toEqual({
      kind: 'declined',
      date: base.expiresAt,
      card: { brand: 'visa', last4: '4242' },
      when: '2027-02-24T09:00:00.000Z',
    });
  });

  it('says there is no card to charge when automatic renewal is on without one', () => {
    expect(renewalState({ ...base, renewal: { ...base.renewal!, paymentMethod: null } }, now).kind).toBe('noCard');
  });

  it('still says it renews when an older service sends no renewal details', () => {
    expect(renewalState({ ...base, renewal: null }, now)).toEqual({ kind: 'renews', date: base.expiresAt });
  });
});
