import { type LicencePublicJwk, licencePublicKeyResponseSchema } from '../../../shared/api/devices';
import type { ApiClient } from './api-client';

/** `GET /v1/licence/public-key`: public, no token (the key is what leases are checked against). */
export interface LicenceApi {
  /** The key leases are signed with, and the signed rotation statements that lead to it. */
  publicKey(): Promise<{ jwk: LicencePublicJwk; rotations: string[] }>;
}

export function createLicenceApi(client: ApiClient): LicenceApi {
  return {
    publicKey: async () => {
      const { jwk, rotations } = await client.request({ method: 'GET', path: '/v1/licence/public-key', schema: licencePublicKeyResponseSchema });
      return { jwk, rotations };
    },
  };
}
