import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { accountPatchSchema, accountSchema, changePasswordBodySchema } from '../../../shared/api/account';
import { requireAuth } from '../http/authenticate';
import { noContent } from '../http/no-content';
import { errorResponses, ServiceError } from '../http/service-error';
import { changePassword } from '../identity/passwords';
import { findUserById, toAccount } from '../identity/users';
import type { Services } from '../services';

/** API.md "Account": the signed-in user's own account. */
export const accountRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const tags = ['account'];
  const security = [{ bearerAuth: [] }];

  const currentUser = async (userId: string) => {
    const user = await findUserById(services.db, userId);
    if (!user) throw new ServiceError(401, 'UNAUTHORIZED', 'Sign in to continue.');
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
        summary: 'Change the account name',
        body: accountPatchSchema,
        response: { 200: accountSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { userId } = requireAuth(request);
      if (request.body.name !== undefined) {
        await services.db
          .updateTable('users')
          .set({ name: request.body.name, updated_at: services.now() })
          .where('id', '=', userId)
          .execute();
      }
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
};
