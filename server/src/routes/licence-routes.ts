import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { licencePublicKeyResponseSchema } from '../../../shared/api/devices';
import { errorResponses } from '../http/service-error';
import type { LeaseSigner } from '../licence/lease-signer';

/** `GET /v1/licence/public-key`: what clients pin (trust on first use) to verify leases offline. */
export const licenceRoutes: FastifyPluginAsyncZod<{ leases: LeaseSigner }> = async (app, { leases }) => {
  app.get(
    '/v1/licence/public-key',
    {
      schema: {
        tags: ['devices'],
        summary: 'The licence signing key’s public half (Ed25519 JWK), to verify leases',
        response: { 200: licencePublicKeyResponseSchema, ...errorResponses },
      },
    },
    async () => ({ alg: 'EdDSA' as const, jwk: leases.publicJwk }),
  );
};
