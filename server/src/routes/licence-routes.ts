import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { licencePublicKeyResponseSchema } from '../../../shared/api/devices';
import { errorResponses } from '../http/service-error';
import type { LeaseSigner } from '../licence/lease-signer';

/**
 * `GET /v1/licence/public-key`: what clients pin (trust on first use) to verify leases
 * offline, with the signed statements that let a client that pinned an older key follow
 * each rotation (docs/key-rotation.md).
 */
export const licenceRoutes: FastifyPluginAsyncZod<{ leases: LeaseSigner; now: () => Date }> = async (app, { leases, now }) => {
  app.get(
    '/v1/licence/public-key',
    {
      schema: {
        tags: ['devices'],
        summary: 'The licence signing key’s public half (Ed25519 JWK), to verify leases',
        response: { 200: licencePublicKeyResponseSchema, ...errorResponses },
      },
    },
    async () => ({ alg: 'EdDSA' as const, ...leases.published(now()) }),
  );
};
