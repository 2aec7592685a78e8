import { createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey as NodeJwk, type KeyObject, randomUUID } from 'node:crypto';
import type { CryptoKey } from 'jose';
import { readOrCreate } from '../keys/key-files';

/** The public half of an Ed25519 key (RFC 8037), as clients and statements carry it. */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

export interface SigningKey {
  kid: string;
  /** For jose's verification (WebCrypto). */
  publicKey: CryptoKey;
  publicJwk: Ed25519PublicJwk;
  /** The private key for node:crypto, which signs synchronously (see access-tokens.ts). */
  privateKeyObject: KeyObject;
}

/** A new Ed25519 private JWK with a random `kid`, as it is kept in the key folder. */
export function newSigningJwk(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return JSON.stringify({ ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'EdDSA' });
}

/**
 * Loads the Ed25519 key kept at `file`, creating it on first start. Creation is exclusive
 * and whole (key-files.ts), so instances starting together on one key folder agree on one key.
 */
export function loadOrCreateSigningKey(file: string): Promise<SigningKey> {
  return readOrCreate(file, newSigningJwk, parseSigningKey);
}

/** A private Ed25519 JWK with a kid; synchronous, so a key set can be re-read in place. */
export function parseSigningKey(text: string): SigningKey {
  const jwk = JSON.parse(text) as NodeJwk & { kid?: unknown };
  if (typeof jwk.kid !== 'string' || !jwk.d || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) {
    throw new Error('The signing key file is not a private Ed25519 JWK.');
  }
  const privateKeyObject = createPrivateKey({ key: jwk, format: 'jwk' });
  const publicJwk: Ed25519PublicJwk = { kty: 'OKP', crv: 'Ed25519', x: jwk.x };
  return { kid: jwk.kid, privateKeyObject, publicJwk, publicKey: verificationKey(publicJwk) };
}

/** A public JWK as a WebCrypto key jose can verify with, made synchronously. */
export function verificationKey(jwk: Ed25519PublicJwk): CryptoKey {
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' }).toCryptoKey('Ed25519', true, ['verify']) as CryptoKey;
}
