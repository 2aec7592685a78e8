import { CompactSign, type CryptoKey, exportJWK, generateKeyPair } from 'jose';
import type { LicencePublicJwk } from '../../../shared/api/devices';
import type { LeasePayload } from '../../../shared/lease';

/** A real Ed25519 key pair, as the account service's licence key. */
export async function licenceKeyPair(): Promise<{ privateKey: CryptoKey; publicJwk: LicencePublicJwk }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(publicKey);
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || jwk.x === undefined) throw new Error('not an Ed25519 key');
  return { privateKey, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x } };
}

export const NOW = new Date('2025-06-01T12:00:00.000Z');
const DAY = 86_400_000;

export const leasePayload = (overrides: Partial<LeasePayload> = {}): LeasePayload => ({
  deviceId: 'dev_1',
  subscriptionId: 'sub_1',
  fingerprint: 'f'.repeat(64),
  plan: 'family',
  protectedUntil: new Date(NOW.getTime() + 200 * DAY).toISOString(),
  issuedAt: new Date(NOW.getTime() - DAY).toISOString(),
  expiresAt: new Date(NOW.getTime() + 13 * DAY).toISOString(),
  ...overrides,
});

export async function signLease(payload: unknown, privateKey: CryptoKey, alg = 'EdDSA'): Promise<string> {
  const bytes = new TextEncoder().encode(typeof payload === 'string' ? payload : JSON.stringify(payload));
  return new CompactSign(bytes).setProtectedHeader({ alg }).sign(privateKey);
}
