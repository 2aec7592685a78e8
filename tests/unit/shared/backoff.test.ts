import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../shared/backoff';

const policy = { baseMs: 100, maxMs: 1_000 };

describe('backoffDelay', () => {
  it('doubles with each attempt up to the ceiling', () => {
    const longest = (attempt: number) => backoffDelay(attempt, policy, () => 1);
    expect([0, 1, 2, 3, 4, 10].map(longest)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('waits between half and all of it, so clients do not retry in step', () => {
    expect(backoffDelay(2, policy, () => 0)).toBe(200);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(300);
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(3, policy);
      expect(delay).toBeGreaterThanOrEqual(400);
      expect(delay).toBeLessThanOrEqual(800);
    }
  });

  it('treats a negative attempt as the first', () => {
    expect(backoffDelay(-1, policy, () => 1)).toBe(100);
  });
});
