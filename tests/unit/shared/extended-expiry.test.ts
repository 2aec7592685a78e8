import { describe, expect, it } from 'vitest';
import { extendedExpiry } from '../../../shared/api/subscriptions';

describe('how far a key extends a subscription', () => {
  const now = new Date('2026-12-02T10:00:00.000Z');

  it('adds the term to a running subscription’s expiry, so no paid day is lost', () => {
    expect(extendedExpiry('2027-03-01T08:00:00.000Z', 2, now).toISOString()).toBe('2029-03-01T08:00:00.000Z');
  });

  it('adds the term from now to an expired one, so the whole term is usable', () => {
    expect(extendedExpiry('2025-01-15T08:00:00.000Z', 1, now).toISOString()).toBe('2027-12-02T10:00:00.000Z');
  });

  it('counts calendar years: from 29 February to 1 March', () => {
    expect(extendedExpiry('2028-02-29T00:00:00.000Z', 1, now).toISOString()).toBe('2029-03-01T00:00:00.000Z');
  });
});
