import { join } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key';

export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;
const ISSUER = 'palisade-account-service';
const AUDIENCE = 'palisade';

export interface AccessTokenClaims {
  userId: string;
  /** The session (refresh-token family) the token was issued to; revoking it ends the token. */
  sessionId: string;
}

/** EdDSA JWTs that last 10 minutes, signed with the key kept in DATA_DIR/keys. */
export class AccessTokens {
  private constructor(
    private readonly key: SigningKey,
    private readonly now: () => Date,
  ) {}

  static async load(dataDir: string, now: () => Date): Promise<AccessTokens> {
    return new AccessTokens(await loadOrCreateSigningKey(join(dataDir, 'keys', 'access-token-signing.jwk')), now);
  }

  readonly ttlSeconds = ACCESS_TOKEN_TTL_SECONDS;

  sign(claims: AccessTokenClaims): Promise<string> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: this.key.kid })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.key.privateKey);
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
