import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from '../../../server/src/http/authenticate';

/** A token shaped like the service's: header.payload.signature, with `exp` in seconds. */
const tokenExpiringAt = (expSeconds: number, tag = 'a') =>
  `h.${Buffer.from(JSON.stringify({ exp: expSeconds, sub: tag })).toString('base64url')}.s`;

function counting(answer: (token: string) => { userId: string; sessionId: string } | null) {
  const calls: string[] = [];
  const checker = {
    calls,
    /** Whether the token's key is still in the key set; a leak drops it. */
    keyInSet: true,
    verify: async (token: string) => (calls.push(token), checker.keyInSet ? answer(token) : null),
    keyAccepted: () => checker.keyInSet,
  };
  return checker;
}

describe('a token whose signature was checked', () => {
  it('is not checked again before it expires, and is checked again once it has', async () => {
    let now = new Date('2026-12-02T12:00:00Z');
    const checker = counting(() => ({ userId: 'u', sessionId: 's' }));
    const tokens = new VerifiedTokens(checker, () => now);
    const token = tokenExpiringAt(now.getTime() / 1000 + 600);
    expect(await tokens.verify(token)).toEqual({ userId: 'u', sessionId: 's' });
    expect(await tokens.verify(token)).toEqual({ userId: 'u', sessionId: 's' });
    expect(checker.calls).toHaveLength(1);
    now = new Date(now.getTime() + 600_000);
    await tokens.verify(token);
    expect(checker.calls).toHaveLength(2);
  });

  it('is never remembered when the check refused it', async () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const checker = counting(() => null);
    const tokens = new VerifiedTokens(checker, () => now);
    const token = tokenExpiringAt(now.getTime() / 1000 + 600);
    expect(await tokens.verify(token)).toBeNull();
    expect(await tokens.verify(token)).toBeNull();
    expect(checker.calls).toHaveLength(2);
  });

  it('remembered-token-of-a-dropped-key-is-refused: a key dropped after a leak ends its remembered tokens at once', async () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const checker = counting(() => ({ userId: 'u', sessionId: 's' }));
    const tokens = new VerifiedTokens(checker, () => now);
    const token = tokenExpiringAt(now.getTime() / 1000 + 600);
    expect(await tokens.verify(token)).not.toBeNull();
    checker.keyInSet = false;
    expect(await tokens.verify(token)).toBeNull();
  });
});
