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
import { deactivateDevice, listDevices, renameDevice } from '../devices/devices';
import { heartbeat } from '../devices/heartbeat';
import { acceptInvitation, inviteDevice } from '../devices/invitations';
import { registerDevice, transferDevice } from '../devices/registration';
import { requireAuth } from '../http/authenticate';
import { noContent } from '../http/no-content';
import { errorResponses, ServiceError } from '../http/service-error';
import { idempotencyHeadersSchema, idempotentWrite, sendWriteResult } from '../idempotency/idempotent-write';
import type { LeaseSigner } from '../licence/lease-signer';
import type { Services } from '../services';
import { idParamsSchema } from './id-params';

/** Invitations can send e-mail to any address: a few an hour from one client is plenty. */
const INVITATIONS_PER_HOUR = 30;

/** docs/api.md "Devices" (the licence key is in licence-routes.ts). */
export const deviceRoutes: FastifyPluginAsyncZod<{ services: Services; leases: LeaseSigner }> = async (app, { services, leases }) => {
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
        (trx) => registerDevice(trx, request.body, { userId, now, leases }),
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
    async (request) => renameDevice(services.db, { userId: requireAuth(request).userId, id: request.params.id, name: request.body.name }),
  );

  app.delete(
    '/v1/devices/:id',
    {
      onRequest: app.authenticate,
      schema: { tags, security, summary: 'Deactivate a device; its seat is free at once', params: idParamsSchema, response: errorResponses },
    },
    async (request, reply) => {
      await deactivateDevice(services.db, { userId: requireAuth(request).userId, id: request.params.id, now: services.now() });
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
        (trx) => transferDevice(trx, request.params.id, request.body, { userId, now, leases }),
      );
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
        summary: 'The device is still here: a fresh 14-day lease (410 DEVICE_DEACTIVATED once removed)',
        params: idParamsSchema,
        body: heartbeatBodySchema,
        response: { 200: heartbeatResponseSchema, ...errorResponses },
      },
    },
    async (request) =>
      heartbeat(services.db, {
        userId: requireAuth(request).userId,
        id: request.params.id,
        fingerprint: request.body.fingerprint,
        now: services.now(),
        leases,
      }),
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
