import { describe, expect, it } from 'vitest';
import {
  activateBodySchema,
  productKeySchema,
  renewBodySchema,
  subscriptionSchema,
  subscriptionStatus,
} from '../../../shared/api/subscriptions';
import { planIdSchema, planName, planSeats, plans } from '../../../shared/plans';
import { generateProductKey, formatProductKey } from '../../../shared/product-key';

describe('plans', () => {
  it('has the three plans with their seats and names', () => {
    expect(Object.keys(plans)).toEqual(['essentials', 'family', 'max']);
    expect([planSeats('essentials'), planSeats('family'), planSeats('max')]).toEqual([1, 5, 10]);
    expect(planName('family')).toBe('Palisade Family');
    expect(plans.max.name).toBe('Palisade Max');
    expect(plans.essentials.name).toBe('Palisade Essentials');
    expect(planIdSchema.safeParse('gold').success).toBe(false);
  });
});

describe('subscriptionStatus', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  const days = (n: number) => new Date(now.getTime() + n * 86_400_000);

  it('is active with more than 30 days left, expiring with 30 or fewer, expired after', () => {
    expect(subscriptionStatus(days(31), now)).toBe('active');
    expect(subscriptionStatus(days(30), now)).toBe('expiring');
    expect(subscriptionStatus(days(0.01), now)).toBe('expiring');
    expect(subscriptionStatus(now, now)).toBe('expired');
    expect(subscriptionStatus(days(-3).toISOString(), now)).toBe('expired');
  });

  it('refuses an invalid date rather than guessing', () => {
    expect(() => subscriptionStatus('soon', now)).toThrow(RangeError);
  });
});

describe('subscription DTOs', () => {
  const subscription = {
    id: 's1',
    plan: 'family',
    planName: 'Palisade Family',
    seats: 5,
    seatsUsed: 3,
    status: 'active',
    startsAt: '2025-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T00:00:00Z',
    autoRenew: true,
  };

  it('parses a subscription and refuses an unknown status or a negative count', () => {
    // A service from before billing sends no renewal fields: they read as none, and a 1-year term.
    expect(subscriptionSchema.parse(subscription)).toEqual({ ...subscription, paymentMethodId: null, renewsAt: null, renewal: null, termYears: 1 });
    expect(subscriptionSchema.safeParse({ ...subscription, status: 'paused' }).success).toBe(false);
    expect(subscriptionSchema.safeParse({ ...subscription, seatsUsed: -1 }).success).toBe(false);
    expect(subscriptionSchema.safeParse({ ...subscription, expiresAt: 'next year' }).success).toBe(false);
  });

  it('lets any typed key through the activate body, for KEY_MALFORMED to be answered', () => {
    expect(activateBodySchema.safeParse({ productKey: 'not a key' }).success).toBe(true);
    expect(activateBodySchema.safeParse({ productKey: 'x'.repeat(101) }).success).toBe(false);
    expect(activateBodySchema.safeParse({}).success).toBe(false);
  });

  it('productKeySchema returns the canonical key or says why not', () => {
    const key = generateProductKey();
    expect(productKeySchema.parse(formatProductKey(key).toLowerCase())).toBe(key);
    const short = productKeySchema.safeParse(key.slice(0, 10));
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]).toMatchObject({ message: 'A product key has 20 letters and digits.' });
    const typo = key.slice(0, 19) + (key[19] === '0' ? '1' : '0');
    const checksum = productKeySchema.safeParse(typo);
    expect(checksum.error?.issues[0]).toMatchObject({ params: { reason: 'checksum' } });
  });

  it('renews for 1, 2 or 3 years only', () => {
    expect(renewBodySchema.safeParse({ termYears: 2, paymentMethodId: 'pm_1' }).success).toBe(true);
    expect(renewBodySchema.safeParse({ termYears: 4, paymentMethodId: 'pm_1' }).success).toBe(false);
    expect(renewBodySchema.safeParse({ termYears: '1', paymentMethodId: 'pm_1' }).success).toBe(false);
  });
});
