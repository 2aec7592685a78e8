import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { type LicencePublicJwk, licencePublicJwkSchema } from '../../../shared/api/devices';
import { LEASE_ALGORITHM, LICENCE_KEY_ROTATION_TYPE, type LicenceKeyRotation, licenceKeyRotationSchema } from '../../../shared/lease';

export type StatementRefusal = 'malformed' | 'signature' | 'sequence' | 'previous';

/**
 * Checks one licence-key rotation statement against the key this computer trusts:
 * signed by that key (Ed25519 only, with the statement's own `typ`, so a lease can never
 * pass for one), naming that key as `previous`, and numbered right after the last one
 * followed. Anything else is refused, and the trusted key stays as it is.
 */
export async function verifyRotation(
  jws: string,
  trusted: { jwk: LicencePublicJwk; generation: number },
): Promise<{ ok: true; rotation: LicenceKeyRotation } | { ok: false; reason: StatementRefusal }> {
  let typ: unknown;
  try {
    ({ typ } = decodeProtectedHeader(jws));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (typ !== LICENCE_KEY_ROTATION_TYPE) return { ok: false, reason: 'malformed' };

  let payload: Uint8Array;
  try {
    const key = await importJWK({ kty: trusted.jwk.kty, crv: trusted.jwk.crv, x: trusted.jwk.x }, LEASE_ALGORITHM);
    ({ payload } = await compactVerify(jws.trim(), key, { algorithms: [LEASE_ALGORITHM, 'Ed25519'] }));
  } catch {
    return { ok: false, reason: 'signature' };
  }

  const parsed = parseRotation(payload);
  if (!parsed) return { ok: false, reason: 'malformed' };
  if (parsed.sequence !== trusted.generation + 1) return { ok: false, reason: 'sequence' };
  if (parsed.previous.x !== trusted.jwk.x || parsed.next.x === trusted.jwk.x) return { ok: false, reason: 'previous' };
  return { ok: true, rotation: parsed };
}

/** The statement's claims read without checking the signature: only to place a first pin in the chain. */
export function peekRotation(jws: string): LicenceKeyRotation | undefined {
  const payload = jws.split('.')[1];
  if (!payload) return undefined;
  try {
    return parseRotation(Buffer.from(payload, 'base64url'));
  } catch {
    return undefined;
  }
}

function parseRotation(payload: Uint8Array): LicenceKeyRotation | undefined {
  try {
    const parsed = licenceKeyRotationSchema.safeParse(JSON.parse(new TextDecoder().decode(payload)));
    if (!parsed.success) return undefined;
    return {
      ...parsed.data,
      previous: licencePublicJwkSchema.parse(parsed.data.previous),
      next: licencePublicJwkSchema.parse(parsed.data.next),
    };
  } catch {
    return undefined;
  }
}
