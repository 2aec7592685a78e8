import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, type CryptoKey } from 'jose';
import { type PinnedKeyStorage, type PinnedLicenceKey, PinnedKeyStore } from '../../../electron/services/licence';
import { LeaseSigner } from '../../../server/src/licence/lease-signer';
import { LICENCE_KEY_ROTATION_TYPE, type LicenceKeyRotation } from '../../../shared/lease';

export const DAY = 86_400_000;
export const FINGERPRINT = 'f'.repeat(64);

/** A real key folder with the service's own licence signer in it. */
export async function licenceKeyFolder(): Promise<{ keysDir: string; remove(): Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'palisade-licence-keys-'));
  return { keysDir: join(root, 'keys'), remove: () => rm(root, { recursive: true, force: true }) };
}

/** The signer as a fresh instance would load it now (it reads the folder at load). */
export const signerOf = (keysDir: string) => LeaseSigner.load(keysDir);

export function leaseFrom(signer: LeaseSigner, issuedAt: Date): string {
  return signer.sign(
    {
      deviceId: 'dev_1',
      deviceRegisteredAt: new Date(issuedAt.getTime() - 90 * DAY),
      subscriptionId: 'sub_1',
      fingerprint: FINGERPRINT,
      plan: 'family',
      protectedUntil: new Date(issuedAt.getTime() + 300 * DAY),
    },
    issuedAt,
  );
}

export function memoryPins(now: () => Date): { store: PinnedKeyStore; storage: PinnedKeyStorage & { value: unknown } } {
  const storage = {
    value: undefined as unknown,
    get: () => storage.value as PinnedLicenceKey | undefined,
    set: (v: PinnedLicenceKey) => {
      storage.value = v;
    },
    clear: () => {
      storage.value = undefined;
    },
  };
  return { store: new PinnedKeyStore(storage, { now }), storage };
}

/** A statement as the service writes one, but signed by whatever key the caller holds. */
export async function statementSignedWith(privateKey: CryptoKey, rotation: LicenceKeyRotation, typ = LICENCE_KEY_ROTATION_TYPE): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(rotation))).setProtectedHeader({ alg: 'EdDSA', typ }).sign(privateKey);
}
