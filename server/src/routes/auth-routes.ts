import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  confirmBodySchema,
  forgotBodySchema,
  loginBodySchema,
  loginResponseSchema,
  logoutBodySchema,
  mfaBodySchema,
  refreshBodySchema,
  resendConfirmationBodySchema,
  resetBodySchema,
  signupBodySchema,
  signedInSchema,
  signupResponseSchema,
  tokenPairSchema,
} from '../../../shared/api/identity';
import { requireAuth } from '../http/authenticate';
import { noContent } from '../http/no-content';
import { errorResponses } from '../http/service-error';
import { assertPasswordAcceptable } from '../identity/password-policy';
import { requestPasswordReset, resetPassword } from '../identity/passwords';
import { endSessionOfRefreshToken, revokeSessions } from '../identity/sessions';
import { refreshSession, signIn } from '../identity/sign-in';
import { confirmEmail, resendConfirmation, signUp } from '../identity/sign-up';
import { completeMfaSignIn } from '../identity/two-step';
import { tellOwnerOfLock } from '../identity/lock-notice';
import type { Services } from '../services';
import { afterAnswer } from './after-answer';

/** docs/api.md "Identity": every route under /v1/auth, each rate-limited per client address. */
export const authRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const config = { rateLimit: { max: services.config.authRateLimit, timeWindow: 60_000 } };
  const tags = ['identity'];

  // Sign-up, resend and forgot-password answer 202 before they touch the database, the
  // same for every address, and do their work after the answer (after-answer.ts): neither
  // the answer nor its timing tells whether the address has an account.
  app.post(
    '/v1/auth/signup',
    {
      config,
      schema: {
        tags,
        summary: 'Create an account (answers 202 whether or not the address has one; the e-mail tells its owner)',
        body: signupBodySchema,
        response: { 202: signupResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      // The one refusal: it depends on the password alone, never on the address.
      assertPasswordAcceptable(request.body.password, 'password', request.body.email);
      afterAnswer(reply, 'sign-up', () => signUp(services, request.body));
      return reply.code(202).send({});
    },
  );

  app.post(
    '/v1/auth/confirm',
    {
      config,
      schema: {
        tags,
        summary: 'Confirm an e-mail address with the token (link) or the address and code from the confirmation e-mail',
        body: confirmBodySchema,
        response: { 200: z.object({ confirmed: z.literal(true) }), ...errorResponses },
      },
    },
    async (request) => {
      await confirmEmail(services, request.body);
      return { confirmed: true as const };
    },
  );

  app.post(
    '/v1/auth/confirm/resend',
    {
      config,
      schema: {
        tags,
        summary: 'E-mail a new confirmation link to an unconfirmed account (answers 202 whatever the address)',
        body: resendConfirmationBodySchema,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      afterAnswer(reply, 'confirmation resend', () => resendConfirmation(services, request.body.email));
      return noContent(reply, 202);
    },
  );

  app.post(
    '/v1/auth/login',
    {
      config,
      schema: {
        tags,
        summary: 'Sign in with e-mail and password',
        body: loginBodySchema,
        response: { 200: loginResponseSchema, ...errorResponses },
      },
    },
    // The lock e-mail goes after the answer, so the 423 that locks takes as long as any other.
    async (request, reply) =>
      signIn(services, { ...request.body, clientAddress: request.ip }, (user) =>
        afterAnswer(reply, 'lock e-mail', () => tellOwnerOfLock(services, user)),
      ),
  );

  app.post(
    '/v1/auth/mfa',
    {
      config,
      schema: {
        tags,
        summary: 'Second step of a sign-in: a TOTP code or a recovery code for the mfaToken of /v1/auth/login',
        body: mfaBodySchema,
        response: { 200: signedInSchema, ...errorResponses },
      },
    },
    async (request) => completeMfaSignIn(services, request.body),
  );

  app.post(
    '/v1/auth/refresh',
    {
      config,
      schema: {
        tags,
        summary: 'Trade a refresh token for a new token pair (the old one stops working)',
        body: refreshBodySchema,
        response: { 200: tokenPairSchema, ...errorResponses },
      },
    },
    async (request) => refreshSession(services, request.body.refreshToken),
  );

  app.post(
    '/v1/auth/logout',
    {
      config,
      schema: { tags, summary: 'End the session of a refresh token', body: logoutBodySchema, response: errorResponses },
    },
    async (request, reply) => {
      await endSessionOfRefreshToken(services.db, request.body.refreshToken, services.now());
      return noContent(reply);
    },
  );

  app.post(
    '/v1/auth/logout-all',
    {
      config,
      onRequest: app.authenticate,
      schema: { tags, summary: 'End every session of the account', security: [{ bearerAuth: [] }], response: errorResponses },
    },
    async (request, reply) => {
      const { userId } = requireAuth(request);
      await revokeSessions(services.db, { userId, now: services.now(), reason: 'sign_out_all' });
      return noContent(reply);
    },
  );

  app.post(
    '/v1/auth/password/forgot',
    {
      config,
      schema: {
        tags,
        summary: 'E-mail a password reset link (answers 202 whether or not the account exists)',
        body: forgotBodySchema,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      afterAnswer(reply, 'password reset request', () => requestPasswordReset(services, request.body.email));
      return noContent(reply, 202);
    },
  );

  app.post(
    '/v1/auth/password/reset',
    {
      config,
      schema: {
        tags,
        summary: 'Set a new password with the token (link) or the address and code from the reset e-mail; every session ends',
        body: resetBodySchema,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      await resetPassword(services, request.body);
      return noContent(reply);
    },
  );
};
