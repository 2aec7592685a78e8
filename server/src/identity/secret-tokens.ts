import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: fits the shared `emailTokenSchema` and refresh-token rules. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Tokens are stored as sha256: they carry 256 bits of entropy, so a fast hash is enough and
 * a database leak does not hand out live tokens.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
