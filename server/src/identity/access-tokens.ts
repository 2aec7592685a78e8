import { sign as signBytes } from 'node:crypto';
import { join } from 'node:path';
import { jwtVerify } from 'jose';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key';

export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;
const ISSUER = 'palisade-account-service';
const AUDIENCE = 'palisade';

export interface AccessTokenClaims {
  userId: string;
  /** The session (refresh-token family) the token was issued to; revoking it ends the token. */
  sessionId: string;
}

/** EdDSA JWTs that last 10 minutes, signed with the key kept in KEYS_DIR. */
export class AccessTokens {
  private constructor(
    private readonly key: SigningKey,
    private readonly now: () => Date,
  ) {}

  static async load(keysDir: string, now: () => Date): Promise<AccessTokens> {
    return new AccessTokens(await loadOrCreateSigningKey(join(keysDir, 'access-token-signing.jwk')), now);
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
    const header = { alg: 'EdDSA', typ: 'at+jwt', kid: this.key.kid };
    const payload = {
      sid: claims.sessionId,
      sub: claims.userId,
      iss: ISSUER,
      aud: AUDIENCE,
      iat: issuedAt,
      exp: issuedAt + this.ttlSeconds,
    };
    const input = `${base64url(header)}.${base64url(payload)}`;
    const signature = signBytes(null, Buffer.from(input), this.key.privateKeyObject).toString('base64url');
    return `${input}.${signature}`;
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.key.publicKey, {
        algorithms: ['EdDSA'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: 'at+jwt',
        currentDate: this.now(),
        clockTolerance: 0,
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
      return { userId: payload.sub, sessionId: payload.sid };
    } catch {
      return null;
    }
  }
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
