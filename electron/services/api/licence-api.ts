import { type LicencePublicJwk, licencePublicKeyResponseSchema } from '../../../shared/api/devices';
import type { ApiClient } from './api-client';

/** `GET /v1/licence/public-key`: public, no token (the key is what leases are checked against). */
export interface LicenceApi {
  publicKey(): Promise<LicencePublicJwk>;
}

export function createLicenceApi(client: ApiClient): LicenceApi {
  return {
    publicKey: async () => (await client.request({ method: 'GET', path: '/v1/licence/public-key', schema: licencePublicKeyResponseSchema })).jwk,
  };
}
