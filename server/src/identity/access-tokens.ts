import { sign as signBytes } from 'node:crypto';
import { jwtVerify } from 'jose';
import { AccessTokenKeySet } from '../keys/access-token-keys';

export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;
const ISSUER = 'palisade-account-service';
const AUDIENCE = 'palisade';

export interface AccessTokenClaims {
  userId: string;
  /** The session (refresh-token family) the token was issued to; revoking it ends the token. */
  sessionId: string;
}

/**
 * EdDSA JWTs that last 10 minutes, signed with the current key of the key set in KEYS_DIR
 * and verified against the whole set by their `kid`, so the key can be rotated without
 * signing anyone out (docs/key-rotation.md).
 */
export class AccessTokens {
  private constructor(
    readonly keys: AccessTokenKeySet,
    private readonly now: () => Date,
  ) {}

  static async load(keysDir: string, now: () => Date): Promise<AccessTokens> {
    return new AccessTokens(await AccessTokenKeySet.load(keysDir, { tokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS }), now);
  }

  readonly ttlSeconds = ACCESS_TOKEN_TTL_SECONDS;

  /**
   * A compact EdDSA JWS, as jose's SignJWT would make it, but signed with node:crypto:
   * WebCrypto signing goes through libuv's thread pool and costs about a millisecond of
   * the event loop per token, on the sign-in path that is otherwise all argon2id. Tokens
   * are verified with jose (`verify`), which the tests exercise on every request.
   */
  sign(claims: AccessTokenClaims): string {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const key = this.keys.signingKey();
    const header = { alg: 'EdDSA', typ: 'at+jwt', kid: key.kid };
    const payload = {
      sid: claims.sessionId,
      sub: claims.userId,
      iss: ISSUER,
      aud: AUDIENCE,
      iat: issuedAt,
      exp: issuedAt + this.ttlSeconds,
    };
    const input = `${base64url(header)}.${base64url(payload)}`;
    const signature = signBytes(null, Buffer.from(input), key.privateKeyObject).toString('base64url');
    return `${input}.${signature}`;
  }

  /**
   * Whether the key `token` names is still accepted (a map lookup, and a look at the key
   * folder at most once a second): for a cache of verified tokens, so a key dropped after a
   * leak (`keys rotate --access --drop-retired`) ends its cached tokens too.
   */
  keyAccepted(token: string): boolean {
    const kid = kidOf(token);
    return kid !== undefined && this.keys.verificationKey(kid, this.now()) !== undefined;
  }

  /**
   * The claims of a valid, unexpired token; null for anything else, a token whose kid is
   * not in the key set (or names a retired key past its window) included.
   */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    const now = this.now();
    const kid = kidOf(token);
    const key = kid === undefined ? undefined : this.keys.verificationKey(kid, now);
    if (key === undefined) return null;
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['EdDSA'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: 'at+jwt',
        currentDate: now,
        clockTolerance: 0,
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
      return { userId: payload.sub, sessionId: payload.sid };
    } catch {
      return null;
    }
  }
}

/** The header's kid, read without verifying anything: it only picks the key to verify with. */
function kidOf(token: string): string | undefined {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot > 512) return undefined;
  try {
    const header = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof header.kid === 'string' && header.kid.length > 0 && header.kid.length <= 100 ? header.kid : undefined;
  } catch {
    return undefined;
  }
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
