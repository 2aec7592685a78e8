import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  deviceListSchema,
  deviceSchema,
  heartbeatBodySchema,
  heartbeatResponseSchema,
  invitationAcceptResponseSchema,
  invitationBodySchema,
  invitationResponseSchema,
  registerDeviceBodySchema,
  registerDeviceResponseSchema,
  renameDeviceBodySchema,
  transferDeviceBodySchema,
} from '../../../shared/api/devices';
import { emailTokenSchema } from '../../../shared/api/identity';
import type { ComponentKeys } from '../devices/component-keys';
import { listDevices, renameDevice } from '../devices/devices';
import { heartbeat } from '../devices/heartbeat';
import { acceptInvitation, inviteDevice } from '../devices/invitations';
import { registerDevice, transferDevice } from '../devices/registration';
import { removeDevice } from '../devices/remove-device';
import { requireAuth } from '../http/authenticate';
import { noContent } from '../http/no-content';
import { errorResponses, ServiceError } from '../http/service-error';
import { idempotencyHeadersSchema, idempotentWrite, sendWriteResult, type WriteResult } from '../idempotency/idempotent-write';
import type { LeaseSigner } from '../licence/lease-signer';
import type { Services } from '../services';
import { idParamsSchema } from './id-params';

/** Invitations can send e-mail to any address: a few an hour from one client is plenty. */
const INVITATIONS_PER_HOUR = 30;

/** A recorded `429 SEAT_CHANGES_LIMITED` carries its wait in the body; say it in `Retry-After` too, as the error handler does. */
function retryAfterOf(result: WriteResult): string | undefined {
  if (result.statusCode !== 429) return undefined;
  const seconds = (result.body as { error?: { details?: { retryAfterSeconds?: unknown } } }).error?.details?.retryAfterSeconds;
  return typeof seconds === 'number' ? String(seconds) : undefined;
}

/** docs/api.md "Devices" (the licence key is in licence-routes.ts). */
export const deviceRoutes: FastifyPluginAsyncZod<{ services: Services; leases: LeaseSigner; keys: ComponentKeys }> = async (
  app,
  { services, leases, keys },
) => {
  const tags = ['devices'];
  const security = [{ bearerAuth: [] }];

  app.get(
    '/v1/devices',
    {
      onRequest: app.authenticate,
      schema: { tags, security, summary: "The account's devices, active and deactivated, most recently seen first", response: { 200: deviceListSchema, ...errorResponses } },
    },
    async (request) => listDevices(services.db, requireAuth(request).userId),
  );

  app.post(
    '/v1/devices',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Register this machine: 201 a new device, or 200 the same machine’s existing one (409 SEAT_LIMIT_REACHED, 409 SUBSCRIPTION_EXPIRED)',
        headers: idempotencyHeadersSchema,
        body: registerDeviceBodySchema,
        response: { 200: registerDeviceResponseSchema, 201: registerDeviceResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userId } = requireAuth(request);
      const now = services.now();
      const result = await idempotentWrite(
        services.db,
        { userId, key: request.headers['idempotency-key'], route: 'POST /v1/devices', payload: request.body, now },
        (trx) => registerDevice(trx, request.body, { userId, now, leases, keys }),
      );
      return sendWriteResult(reply, result);
    },
  );

  app.patch(
    '/v1/devices/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Rename a device',
        params: idParamsSchema,
        body: renameDeviceBodySchema,
        response: { 200: deviceSchema, ...errorResponses },
      },
    },
    async (request) => renameDevice(services.db, { userId: requireAuth(request).userId, id: request.params.id, name: request.body.name, now: services.now() }),
  );

  app.delete(
    '/v1/devices/:id',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary:
          'Deactivate an active device, its seat free at once (429 SEAT_CHANGES_LIMITED after 2 × seats in 30 days); forget a deactivated one',
        params: idParamsSchema,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const { userId } = requireAuth(request);
      const now = services.now();
      await services.db.transaction().execute((trx) => removeDevice(trx, { userId, id: request.params.id, now }));
      return noContent(reply);
    },
  );

  app.post(
    '/v1/devices/:id/transfer',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Move protection from this device to a new machine: the old one is deactivated in the same transaction',
        params: idParamsSchema,
        headers: idempotencyHeadersSchema,
        body: transferDeviceBodySchema,
        response: { 201: registerDeviceResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userId } = requireAuth(request);
      const now = services.now();
      const result = await idempotentWrite(
        services.db,
        {
          userId,
          key: request.headers['idempotency-key'],
          route: 'POST /v1/devices/:id/transfer',
          payload: { id: request.params.id, body: request.body },
          now,
        },
        (trx) => transferDevice(trx, request.params.id, request.body, { userId, now, leases, keys }),
      );
      const retryAfter = retryAfterOf(result);
      if (retryAfter !== undefined) void reply.header('retry-after', retryAfter);
      return sendWriteResult(reply, result);
    },
  );

  app.post(
    '/v1/devices/:id/heartbeat',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary:
          'The device is still here: a fresh lease, 7 days in its first 30, 14 after (409 DEVICE_MISMATCH from another machine, 410 DEVICE_DEACTIVATED once removed)',
        params: idParamsSchema,
        body: heartbeatBodySchema,
        response: { 200: heartbeatResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { userId } = requireAuth(request);
      const now = services.now();
      const { fingerprint, components } = request.body;
      return services.db
        .transaction()
        .execute((trx) => heartbeat(trx, { userId, id: request.params.id, fingerprint, components, now, leases, keys }));
    },
  );

  app.post(
    '/v1/devices/invitations',
    {
      onRequest: app.authenticate,
      config: { rateLimit: { max: INVITATIONS_PER_HOUR, timeWindow: 60 * 60_000 } },
      schema: {
        tags,
        security,
        summary: 'A single-use link, valid 7 days, to set up another device; e-mailed when an address is given',
        body: invitationBodySchema,
        response: { 201: invitationResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { userId } = requireAuth(request);
      return reply.code(201).send(await inviteDevice(services, { userId, email: request.body.email, platform: request.body.platform }));
    },
  );

  app.post(
    '/v1/devices/invitations/accept',
    {
      onRequest: app.authenticate,
      schema: {
        tags,
        security,
        summary: 'Use up an invitation of this account (the app calls this after palisade://install?token=…)',
        body: z.object({ token: emailTokenSchema }),
        response: { 200: invitationAcceptResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const accepted = await acceptInvitation(services.db, { userId: requireAuth(request).userId, token: request.body.token, now: services.now() });
      if (!accepted) {
        throw new ServiceError('TOKEN_INVALID', 'This invitation is not valid: it may have been used already, have expired, or belong to another account.');
      }
      return accepted;
    },
  );
};
