import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import type { Db } from '../db/database';
import type { AccessTokens } from '../identity/access-tokens';
import { activeSession } from '../identity/sessions';
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

/** Checks `Authorization: Bearer <access token>` and that its session is still live. */
export function installAuthentication(app: FastifyInstance, deps: { db: Db; accessTokens: AccessTokens }): void {
  app.decorateRequest('auth', null);
  app.decorate('authenticate', async function authenticate(request: FastifyRequest) {
    const header = request.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header.trim());
    if (!match?.[1]) throw unauthorized();
    const claims = await deps.accessTokens.verify(match[1]);
    // A revoked session (sign-out, password change, refresh reuse) ends its access tokens at once.
    const session = claims && (await activeSession(deps.db, claims.sessionId));
    if (!claims || !session || session.user_id !== claims.userId) throw unauthorized();
    request.auth = claims;
  });
}

/** The caller's identity on a route that used `app.authenticate`. */
export function requireAuth(request: FastifyRequest): AuthContext {
  if (!request.auth) throw unauthorized();
  return request.auth;
}
