import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Db } from '../db/database';
import type { AccessTokenClaims, AccessTokens } from '../identity/access-tokens';
import { ServiceError } from './service-error';

export interface AuthContext {
  userId: string;
  sessionId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `app.authenticate` on routes that need a signed-in user. */
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /**
     * Hook for routes that need a signed-in user: `{ onRequest: app.authenticate }`.
     * Runs before body parsing, so an anonymous caller learns nothing about the body's rules.
     */
    authenticate: onRequestAsyncHookHandler;
  }
}

const unauthorized = () => new ServiceError('UNAUTHORIZED', 'Sign in to continue.');

/** Tokens remembered at most; a client keeps one token for its 10 minutes, so this covers many thousand clients. */
const MAX_VERIFIED_TOKENS = 20_000;

/**
 * Access tokens whose signature and claims were checked, until they expire. Checking an
 * EdDSA signature costs ~0.25 ms of the event loop, and a client presents the same token
 * on every call for its 10 minutes. Only what the token itself says is remembered: a
 * token's text cannot change, so its check cannot either (before its `exp`); whether its
 * session is still live is asked of the database on every request (`sessionIsLive`).
 */
export class VerifiedTokens {
  readonly #verified = new Map<string, { claims: AccessTokenClaims; expiresAtMs: number }>();

  constructor(
    private readonly accessTokens: Pick<AccessTokens, 'verify' | 'keyAccepted'>,
    private readonly now: () => Date,
  ) {}

  async verify(token: string): Promise<AccessTokenClaims | null> {
    const nowMs = this.now().getTime();
    const known = this.#verified.get(token);
    // A key dropped from the set after a leak (`keys rotate --access --drop-retired`) ends its
    // remembered tokens too: a map lookup, not a signature check.
    if (known && nowMs < known.expiresAtMs && this.accessTokens.keyAccepted(token)) return known.claims;
    if (known) this.#verified.delete(token);
    const claims = await this.accessTokens.verify(token);
    const expiresAtMs = claims ? expiryOf(token) : undefined;
    if (claims && expiresAtMs !== undefined && nowMs < expiresAtMs) {
      if (this.#verified.size >= MAX_VERIFIED_TOKENS) this.#verified.delete(this.#verified.keys().next().value!);
      this.#verified.set(token, { claims, expiresAtMs });
    }
    return claims;
  }
}

/** The `exp` of a token whose signature was just checked, in ms; undefined when it has none. */
function expiryOf(token: string): number | undefined {
  try {
    const exp = (JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** A revoked session (sign-out, password change, refresh reuse) ends its access tokens at once: asked on every request. */
export async function sessionIsLive(db: Db, claims: AccessTokenClaims): Promise<boolean> {
  const session = await db
    .selectFrom('sessions')
    .select('user_id')
    .where('id', '=', claims.sessionId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return session?.user_id === claims.userId;
}

/** Checks `Authorization: Bearer <access token>` and that its session is still live. */
export function installAuthentication(app: FastifyInstance, deps: { db: Db; accessTokens: AccessTokens; now: () => Date }): void {
  const tokens = new VerifiedTokens(deps.accessTokens, deps.now);
  app.decorateRequest('auth', null);
  app.decorate('authenticate', async function authenticate(request: FastifyRequest) {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
    if (!match?.[1]) throw unauthorized();
    const claims = await tokens.verify(match[1]);
    if (!claims || !(await sessionIsLive(deps.db, claims))) throw unauthorized();
    request.auth = claims;
  });
}

/** The caller's identity on a route that used `app.authenticate`. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}
