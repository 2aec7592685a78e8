import { createPrivateKey, type JsonWebKey as NodeJwk, type KeyObject, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** The same private key for node:crypto, which signs synchronously (see access-tokens.ts). */
  privateKeyObject: KeyObject;
}

/**
 * Loads the Ed25519 key kept at `file`, creating it on first start. The file is written
 * exclusively (`wx`), so two processes starting together agree on one key.
 */
export async function loadOrCreateSigningKey(file: string): Promise<SigningKey> {
  try {
    return await importKey(await readFile(file, 'utf8'));
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = { ...(await exportJWK(pair.privateKey)), kid: randomUUID(), alg: 'EdDSA' };
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, JSON.stringify(jwk), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if (!isAlreadyThere(error)) throw error;
    return importKey(await readFile(file, 'utf8'));
  }
  return importKey(JSON.stringify(jwk));
}

async function importKey(text: string): Promise<SigningKey> {
  const jwk = JSON.parse(text) as JWK;
  if (!jwk.kid || !jwk.d) throw new Error('The signing key file is not a private Ed25519 JWK.');
  const { d: _private, ...publicJwk } = jwk;
  return {
    kid: jwk.kid,
    privateKey: (await importJWK(jwk, 'EdDSA')) as CryptoKey,
    publicKey: (await importJWK(publicJwk, 'EdDSA')) as CryptoKey,
    privateKeyObject: createPrivateKey({ key: jwk as NodeJwk, format: 'jwk' }),
  };
}

const hasCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === code;
const isNotFound = (error: unknown) => hasCode(error, 'ENOENT');
const isAlreadyThere = (error: unknown) => hasCode(error, 'EEXIST');
