import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountPatchSchema,
  accountSchema,
  changePasswordBodySchema,
  totpDisableBodySchema,
  totpEnableBodySchema,
  totpSetupBodySchema,
} from '../../../shared/api/account';
import { accountSessionSchema, recoveryCodesSchema, totpSetupSchema } from '../../../shared/contract/security';
import { requireAuth } from '../http/authenticate';
import { noContent } from '../http/no-content';
import { errorResponses, ServiceError } from '../http/service-error';
import { changePassword } from '../identity/passwords';
import { endOwnSession, listSessions } from '../identity/sessions';
import { disableTotp, enableTotp, setupTotp } from '../identity/two-step';
import { findUserById, toAccount } from '../identity/users';
import type { Services } from '../services';
import { idParamsSchema } from './id-params';

/** docs/api.md "Account": the signed-in user's own account. */
export const accountRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['account'];
  const security = [{ bearerAuth: [] }];

  const currentUser = async (userId: string) => {
    const user = await findUserById(services.db, userId);
    if (!user) throw new ServiceError('UNAUTHORIZED', 'Sign in to continue.');
    return user;
  };

  app.get(
    '/v1/account',
    {
      onRequest: app.authenticate,
      schema: { tags, security, summary: 'The signed-in account', response: { 200: accountSchema, ...errorResponses } },
    },
    async (request) => toAccount(await currentUser(requireAuth(request).userId)),
  );

  app.patch(
    '/v1/account',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Change the account name, the language of its e-mails, or both',
        body: accountPatchSchema,
        response: { 200: accountSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { userId } = requireAuth(request);
      const { name, language } = request.body;
      await services.db
        .updateTable('users')
        .set({
          ...(name !== undefined && { name }),
          ...(language !== undefined && { language }),
          updated_at: services.now(),
        })
        .where('id', '=', userId)
        .execute();
      return toAccount(await currentUser(userId));
    },
  );

  app.post(
    '/v1/account/password',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Change the password (needs the current one); every other session ends',
        body: changePasswordBodySchema,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      await changePassword(services, requireAuth(request), request.body);
      return noContent(reply);
    },
  );

  app.post(
    '/v1/account/mfa/totp/setup',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Start turning on 2-step verification (needs the password): a new TOTP secret and its otpauth:// URL',
        body: totpSetupBodySchema,
        response: { 200: totpSetupSchema, ...errorResponses },
      },
    },
    async (request) => setupTotp(services, requireAuth(request).userId, request.body.password),
  );

  app.post(
    '/v1/account/mfa/totp/enable',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Turn on 2-step verification with a code from the new secret; returns 10 recovery codes, shown once',
        body: totpEnableBodySchema,
        response: { 200: recoveryCodesSchema, ...errorResponses },
      },
    },
    async (request) => enableTotp(services, requireAuth(request).userId, request.body.code),
  );

  app.post(
    '/v1/account/mfa/totp/disable',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Turn off 2-step verification (needs the password); the secret and recovery codes are deleted',
        body: totpDisableBodySchema,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      await disableTotp(services, requireAuth(request).userId, request.body.password);
      return noContent(reply);
    },
  );

  app.get(
    '/v1/account/sessions',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'The live sessions of the account; `current` marks the one of this access token',
        response: { 200: z.array(accountSessionSchema), ...errorResponses },
      },
    },
    async (request) => listSessions(services.db, requireAuth(request), services.now()),
  );

  app.delete(
    '/v1/account/sessions/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'End one session of the account: its refresh and access tokens stop working',
        params: idParamsSchema,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      await endOwnSession(services.db, auth.userId, request.params.id, services.now(), auth.sessionId);
      return noContent(reply);
    },
  );
};
